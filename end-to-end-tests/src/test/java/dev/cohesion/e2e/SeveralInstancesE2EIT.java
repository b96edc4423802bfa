package dev.cohesion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.EventStream;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Two instances of members-service and of metrics-service on the same databases and consumer groups: a health
 * computed on one metrics-service instance reaches the live streams of the other, and consultations that come due
 * while both members-service instances run their schedulers close once each.
 */
class SeveralInstancesE2EIT {

    private static final RunningSystem SYSTEM = RunningSystem.get();
    private static ServiceProcess secondMembers;
    private static ServiceProcess secondMetrics;

    private final String admin = SYSTEM.stack().tokens("platform-admin").admin().sign();

    @BeforeAll
    static void startSecondInstances() {
        secondMembers = SYSTEM.startAnother(MEMBERS);
        secondMetrics = SYSTEM.startAnother(METRICS);
    }

    @AfterAll
    static void stopSecondInstances() {
        SYSTEM.stopAnother(MEMBERS, secondMembers);
        SYSTEM.stopAnother(METRICS, secondMetrics);
    }

    @Test
    void a_health_computed_on_one_instance_reaches_the_streams_of_the_other() throws Exception {
        String subject = "user-" + UUID.randomUUID();
        String network = SYSTEM.network("several-" + UUID.randomUUID().toString().substring(0, 8), subject);
        String organiser = SYSTEM.stack().tokens(subject).sign();
        String base = "/api/v1/networks/" + network;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SYSTEM.as(METRICS, organiser).get(base + "/health")
                .then().statusCode(200).body("size.members", equalTo(1)));

        try (EventStream stream = EventStream.open(HttpRequest.newBuilder(URI.create(secondMetrics.baseUrl() + base + "/health/stream")),
                organiser)) {
            assertThat(stream.status(), equalTo(200));
            assertThat("the stored health first", stream.received().poll(15, TimeUnit.SECONDS), notNullValue());
            while (stream.received().poll(3, TimeUnit.SECONDS) != null) {
                // computations of the network's own events, on either instance, settle first
            }
            String etag = SYSTEM.as(METRICS, organiser).get(base + "/engagement-settings").then().statusCode(200).extract().header("ETag");
            Instant changed = Instant.now();
            // engagement settings live only in metrics-service's database: no event, so only the instance that
            // answers this call marks the network and computes it
            SYSTEM.as(METRICS, organiser).header("If-Match", etag).body(Map.of("halfLifeDays", 20.0, "coreParticipation", 8.0,
                    "weights", Map.of("POSTED", 1.0, "CONTRIBUTED", 5.0))).put(base + "/engagement-settings").then().statusCode(200);
            JsonNode pushed = stream.received().poll(20, TimeUnit.SECONDS);
            assertThat("the first instance's computation reached the second instance's stream", pushed, notNullValue());
            assertThat(Instant.parse(pushed.path("computedAt").asText()), greaterThan(changed.minusMillis(1)));
            System.out.printf("several instances: a health computed on %s reached a stream on %s %d ms after the change%n",
                    SYSTEM.url(METRICS), secondMetrics.baseUrl(), Duration.between(changed, Instant.now()).toMillis());
        }
    }

    @Test
    void consultations_close_once_each_while_two_instances_run_their_schedulers() {
        Instant closesAt = Instant.now().plusSeconds(4);
        List<String> purposes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String subject = "user-" + UUID.randomUUID();
            String network = SYSTEM.network("closing-" + UUID.randomUUID().toString().substring(0, 8), subject);
            String organiser = SYSTEM.stack().tokens(subject).sign();
            String base = "/api/v1/networks/" + network + "/purposes";
            String purpose = SYSTEM.as(MEMBERS, organiser).body(Map.of("statement", "Our purpose " + i)).post(base)
                    .then().statusCode(201).extract().path("id");
            SYSTEM.as(MEMBERS, organiser).body(Map.of("closesAt", closesAt.toString())).post(base + "/" + purpose + "/consultation")
                    .then().statusCode(200);
            SYSTEM.as(MEMBERS, organiser).body(Map.of("stance", "ENDORSE")).put(base + "/" + purpose + "/stances/mine").then().statusCode(200);
            purposes.add(purpose);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(decided(purposes), equalTo(purposes.size())));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat("one decision per consultation, though two schedulers ran", decided(purposes), equalTo(purposes.size())));
    }

    @Test
    void when_the_publishing_instance_is_killed_the_other_one_publishes() throws Exception {
        ServiceProcess first = SYSTEM.process(MEMBERS);
        boolean firstPublishes = publishing(first);
        assertThat("exactly one instance publishes", publishing(secondMembers), equalTo(!firstPublishes));
        ServiceProcess survivor = firstPublishes ? secondMembers : first;
        if (firstPublishes) {
            SYSTEM.kill(MEMBERS);
        } else {
            SYSTEM.killAnother(MEMBERS, secondMembers);
        }
        Instant killed = Instant.now();
        try {
            String network = RestAssured.given().baseUri(survivor.baseUrl()).header("Authorization", "Bearer " + admin)
                    .contentType("application/json").body(Map.of("slug", "takeover-" + UUID.randomUUID().toString().substring(0, 8),
                            "name", "Takeover", "firstOrganiser", Map.of("userId", "user-" + UUID.randomUUID(), "displayName", "O",
                                    "constituency", "OTHER")))
                    .post("/api/v1/networks").then().statusCode(201).extract().path("network.id");
            await().atMost(Duration.ofSeconds(60)).until(() -> SYSTEM.stack().records(Topics.MEMBERS).stream()
                    .anyMatch(r -> network.equals(r.key()) && MembersEvents.NETWORK_CREATED.name().equals(r.header("ce_type"))));
            System.out.printf("several instances: the publishing members-service instance was killed; the other published "
                    + "an event written after the kill %d ms after it%n", Duration.between(killed, Instant.now()).toMillis());
            assertThat("the survivor publishes now", publishing(survivor), equalTo(true));
        } finally {
            if (firstPublishes) {
                SYSTEM.start(MEMBERS);
            } else {
                secondMembers = SYSTEM.startAnother(MEMBERS);
            }
        }
    }

    /** Whether the instance's readiness says it publishes its service's outbox. */
    private static boolean publishing(ServiceProcess p) {
        return RestAssured.given().baseUri(p.managementUrl()).get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getList("checks.findAll { it.name == 'Outbox relay' }.data.publishing").contains(true);
    }

    /** purpose-adopted or purpose-rejected events on the topic for these purposes. */
    private static int decided(List<String> purposes) {
        return (int) SYSTEM.stack().records(Topics.MEMBERS).stream()
                .filter(r -> MembersEvents.PURPOSE_ADOPTED.name().equals(r.header("ce_type"))
                        || MembersEvents.PURPOSE_REJECTED.name().equals(r.header("ce_type")))
                .filter(r -> purposes.stream().anyMatch(p -> r.value().contains(p))).count();
    }
}
