package dev.cohesion.e2e;

import dev.cohesion.stack.kafka.LocalKafka;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

/**
 * The seed's story across the three services over real Kafka: a purpose stated and validated, an objector
 * leaves, norms acknowledged, a member's breaches upheld and sanctioned up the ladder to a suspension that
 * members-service applies, an appeal that restores them, activities recorded — and metrics-service's member
 * scores, network health and recommendations reflect each step within the freshness the design asks for.
 */
class SeedStoryE2EIT {

    private final RunningSystem system = RunningSystem.get();
    private final List<Long> freshness = new ArrayList<>();

    record Person(String name, UUID memberId, String token) {
    }

    @Test
    void the_seed_story_runs_across_the_three_services() {
        // An organiser's network and its members (members-service)
        String admin = system.stack().tokens("platform-admin").admin().sign();
        String organiserSubject = "user-" + UUID.randomUUID();
        JsonPath created = system.as(MEMBERS, admin).body(Map.of("slug", "e2e-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Applied Ethics Network", "firstOrganiser", Map.of("userId", organiserSubject, "displayName", "Olga",
                        "email", organiserSubject + "@example.org", "organisation", "University A", "constituency", "ACADEMIC")))
                .post("/api/v1/networks").then().statusCode(201).extract().jsonPath();
        UUID network = UUID.fromString(created.getString("network.id"));
        UUID olgaId = UUID.fromString(created.getString("firstOrganiserMemberId"));
        Person olga = new Person("Olga", olgaId, system.stack().tokens(organiserSubject).sign());
        String base = "/api/v1/networks/" + network;

        List<Person> members = new ArrayList<>();
        for (String name : List.of("Omar", "Ana", "Ben", "Cai", "Dee", "Eli", "Xan")) {
            members.add(join(network, olga, name));
        }
        Person omar = promote(network, olga, members.get(0));
        Person ana = members.get(1);
        Person ben = members.get(2);
        Person xan = members.get(6);

        // The purpose is validated with the members; the objector leaves
        String purpose = system.as(MEMBERS, olga.token()).body(Map.of("statement", "Raise the standing of applied ethics."))
                .post(base + "/purposes").then().statusCode(201).extract().path("id");
        system.as(MEMBERS, olga.token()).body(Map.of("closesAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()))
                .post(base + "/purposes/" + purpose + "/consultation").then().statusCode(200);
        List<Person> everyone = new ArrayList<>(List.of(olga));
        everyone.add(omar);
        everyone.addAll(members.subList(1, 7));
        for (Person p : everyone) {
            Map<String, Object> stance = p == xan ? Map.of("stance", "OBJECT", "reason", "Too academic")
                    : p.name().equals("Eli") ? Map.of("stance", "ABSTAIN") : Map.of("stance", "ENDORSE");
            system.as(MEMBERS, p.token()).body(stance).put(base + "/purposes/" + purpose + "/stances/mine").then().statusCode(200);
        }
        system.as(MEMBERS, olga.token()).post(base + "/purposes/" + purpose + "/closure").then().statusCode(200)
                .body("status", equalTo("ADOPTED"));
        system.as(MEMBERS, xan.token()).body(Map.of("reason", "DOES_NOT_SHARE_PURPOSE"))
                .post(base + "/members/" + xan.memberId() + "/departure").then().statusCode(200);
        visibleInMetrics("alignment: 6 of the 7 active members endorse", olga, base + "/health",
                h -> round(6.0 / 7).equals(round(h.getDouble("purposeAlignment"))) && h.getInt("size.byStatus.LEFT") == 1);

        // Norms: a norm book, acknowledged by most (norms-service knows the network from members-service's events)
        await().atMost(Duration.ofSeconds(10)).until(() ->
                system.as(NORMS, olga.token()).get(base + "/norms-settings").statusCode() == 200);
        String norm = system.as(NORMS, olga.token()).body(Map.of("code", "N-01", "title", "Credit others' work",
                "text", "Name whose ideas you use.", "category", "collaboration", "severity", "MEDIUM"))
                .post(base + "/norms").then().statusCode(201).extract().path("id");
        system.as(NORMS, olga.token()).post(base + "/norms/" + norm + "/activation").then().statusCode(200);
        for (Person p : everyone.subList(0, 5)) {
            system.as(NORMS, p.token()).body(Map.of("version", 1)).post(base + "/norm-book/acknowledgements").then().statusCode(200);
        }
        visibleInMetrics("norm book acknowledged by 5 of 7", olga, base + "/health",
                h -> round(5.0 / 7).equals(round(h.getDouble("normBookAcknowledgement"))));

        // Activities from a partner count within the freshness the design asks for
        String client = "partner-" + UUID.randomUUID();
        system.as(MEMBERS, olga.token()).body(Map.of("name", "Events app", "clientId", client, "scopes", List.of("activities:write")))
                .post(base + "/partners").then().statusCode(201);
        String partner = system.stack().tokens(client).client(client).sign();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.as(METRICS, partner)
                .body(Map.of("activities", List.of())).post(base + "/activities").then().statusCode(400));
        for (int i = 0; i < 5; i++) {
            Person p = everyone.get(i);
            system.as(METRICS, partner).body(Map.of("activities", List.of(activity(p, "CONTRIBUTED", "e2e-" + i))))
                    .post(base + "/activities").then().statusCode(202).body("accepted", equalTo(1));
            visibleInMetrics(p.name() + "'s contribution counted", olga, base + "/members/" + p.memberId() + "/engagement",
                    e -> e.getDouble("participation.value") > 4.9);
        }

        // Ben breaches N-01 three times: CORRECTION, WARNING, then a 7-day suspension that members-service applies
        String[] rungs = {"CORRECTION", "WARNING", "TEMPORARY_SUSPENSION"};
        String suspension = null;
        for (String rung : rungs) {
            String caseId = system.as(NORMS, ana.token()).body(Map.of("subjectMemberId", ben.memberId(), "normId", norm,
                    "normVersion", 1, "description", "Presented a shared draft as his own")).post(base + "/breach-reports")
                    .then().statusCode(201).extract().path("id");
            system.as(NORMS, omar.token()).post(base + "/cases/" + caseId + "/claim").then().statusCode(200);
            system.as(NORMS, omar.token()).body(Map.of("outcome", "UPHELD", "reason", "Confirmed"))
                    .post(base + "/cases/" + caseId + "/decision").then().statusCode(200);
            system.as(NORMS, omar.token()).get(base + "/cases/" + caseId + "/recommendation").then().body("rung", equalTo(rung));
            suspension = system.as(NORMS, omar.token()).body(Map.of("rung", rung)).post(base + "/cases/" + caseId + "/sanction")
                    .then().statusCode(201).extract().path("id");
        }
        Instant suspended = Instant.now();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                system.as(MEMBERS, olga.token()).get(base + "/members/" + ben.memberId()).then().body("status", equalTo("SUSPENDED")));
        long suspendedAfter = Duration.between(suspended, Instant.now()).toMillis();
        visibleInMetrics("Ben's trust carries three penalties and he is at risk", olga,
                base + "/members/" + ben.memberId() + "/engagement",
                e -> e.getList("trust.penalties").size() == 3 && "AT_RISK".equals(e.getString("segment")));
        visibleInMetrics("three breaches in 30 days ask for a review of N-01", olga, base + "/recommendations",
                r -> r.getList("kind").contains("REVIEW_NORM"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> system.as(NORMS, olga.token()).get(base + "/review-suggestions")
                .then().body("items.normCode", hasItem("N-01")));

        // Ben appeals; the other organiser upholds it: members-service restores him, metrics expunges the penalty
        String appeal = system.as(NORMS, ben.token()).body(Map.of("text", "The draft was co-written."))
                .post(base + "/sanctions/" + suspension + "/appeal").then().statusCode(201).extract().path("id");
        system.as(NORMS, olga.token()).body(Map.of("outcome", "UPHELD", "reason", "Co-authorship shown"))
                .post(base + "/appeals/" + appeal + "/decision").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                system.as(MEMBERS, olga.token()).get(base + "/members/" + ben.memberId()).then().body("status", equalTo("ACTIVE")));
        visibleInMetrics("the expunged suspension no longer weighs on Ben's trust", olga,
                base + "/members/" + ben.memberId() + "/engagement", e -> e.getList("trust.penalties").size() == 2);

        JsonPath health = system.as(METRICS, olga.token()).get(base + "/health").then().statusCode(200).extract().jsonPath();
        assertThat(health.getInt("score"), greaterThan(0));
        assertThat(health.getDouble("conduct.breachesPer100ActiveMembersPer30Days"), greaterThan(0.0));
        assertThat(health.getString("circle"), org.hamcrest.Matchers.notNullValue());
        assertThat("members-service showed the suspension within 5 s", suspendedAfter, lessThan(5000L));
        kafkaClientsReadAndValidateEveryTopic();
        System.out.printf("freshness from a 2xx to the effect visible in metrics-service, step by step: %s ms%n", freshness);
        freshness.sort(Long::compareTo);
        System.out.printf("freshness: n=%d, p50=%d ms, max=%d ms%n",
                freshness.size(), freshness.get(freshness.size() / 2), freshness.get(freshness.size() - 1));
        System.out.printf("sanction to SUSPENDED in members-service: %d ms%n", suspendedAfter);
    }

    /** A non-Java client (kafkajs) reads every topic and validates each event against the committed JSON Schemas. */
    private void kafkaClientsReadAndValidateEveryTopic() {
        java.nio.file.Path clients = java.nio.file.Path.of(System.getProperty("cohesion.home", "..")).resolve("clients");
        try {
            ProcessBuilder check = new ProcessBuilder("node", "kafka-check.mjs", "--brokers", system.stack().kafka().bootstrapServers(),
                    "--username", LocalKafka.ADMIN, "--min-per-topic", "1", "--timeout-ms", "60000")
                    .directory(clients.toFile()).redirectErrorStream(true);
            check.environment().put("COHESION_KAFKA_PASSWORD", system.stack().kafka().password(LocalKafka.ADMIN));
            Process node = check.start();
            String output = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat("kafka-check.mjs: " + output, node.waitFor(), equalTo(0));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("node (Node.js 20+) is needed for the client checks", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Person join(UUID network, Person organiser, String name) {
        String subject = "user-" + UUID.randomUUID();
        String applicant = system.stack().tokens(subject).sign();
        String base = "/api/v1/networks/" + network;
        UUID id = UUID.fromString(system.as(MEMBERS, applicant).body(Map.of("profile", Map.of("displayName", name,
                        "organisation", "Org " + name, "constituency", "PRACTITIONER"))).post(base + "/applications")
                .then().statusCode(201).extract().path("id"));
        system.as(MEMBERS, organiser.token()).post(base + "/members/" + id + "/approval").then().statusCode(200);
        return new Person(name, id, applicant);
    }

    private Person promote(UUID network, Person organiser, Person member) {
        system.as(MEMBERS, organiser.token()).body(Map.of("roles", List.of("ORGANISER", "MEMBER")))
                .put("/api/v1/networks/" + network + "/members/" + member.memberId() + "/roles").then().statusCode(200);
        return member;
    }

    private static Map<String, Object> activity(Person p, String type, String key) {
        Map<String, Object> a = new HashMap<>();
        a.put("memberId", p.memberId().toString());
        a.put("type", type);
        a.put("occurredAt", Instant.now().toString());
        a.put("idempotencyKey", key);
        return a;
    }

    /** Waits (polling every 20 ms, at most 3 s) until the metrics read satisfies the check; records how long it took. */
    private void visibleInMetrics(String what, Person reader, String path, java.util.function.Predicate<JsonPath> check) {
        Instant start = Instant.now();
        String[] last = new String[1];
        BooleanSupplier ok = () -> {
            var r = system.as(METRICS, reader.token()).get(path);
            last[0] = r.statusCode() + " " + r.asString();
            return r.statusCode() == 200 && check.test(r.jsonPath());
        };
        try {
            await(what).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(ok::getAsBoolean);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " not visible in metrics-service within 3 s; last answer: " + last[0], e);
        }
        freshness.add(Duration.between(start, Instant.now()).toMillis());
    }

    private static Double round(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }
}
