package dev.cohesion.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.e2e.RunningSystem;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.TopicRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

/**
 * The crash drill under load (README, "Crash drills"): two instances of members-service and norms-service and
 * three of metrics-service take a steady load of writes through every door while, one after the other, a random
 * instance is killed with SIGKILL every ten seconds (six times, each replaced), one instance of each service is
 * stopped with SIGTERM as in a rolling restart (each replaced), the broker stops for 30 s and PostgreSQL stops for 30 s. Afterwards every service's data says exactly what the clients were told, no event of
 * an outbox is on its topic twice, and each consultation that came due closed once. Prints its figures.
 */
class CrashDrillUnderLoadE2EIT {

    private static final RunningSystem SYSTEM = RunningSystem.get();
    private static final LocalStack STACK = SYSTEM.stack();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int KILLS = 6;
    /** Kubernetes' default terminationGracePeriodSeconds, which deploy/ keeps. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String admin = STACK.tokens("platform-admin").admin().sign();
    private final Clients clients = new Clients(SYSTEM);
    private final Ledger ledger = new Ledger();
    private final List<String> findings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> figures = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void twoTwoAndThreeInstances() {
        SYSTEM.startAnother(MEMBERS);
        SYSTEM.startAnother(NORMS);
        SYSTEM.startAnother(METRICS);
        SYSTEM.startAnother(METRICS);
    }

    @AfterAll
    static void backToOneInstanceEach() {
        for (CohesionService s : CohesionService.values()) {
            for (ServiceProcess p : SYSTEM.instances(s)) {
                if (p != SYSTEM.process(s)) {
                    SYSTEM.stopAnother(s, p);
                }
            }
        }
    }

    /** A network with an organiser, as the platform administrator creates it. */
    private record Founded(UUID id, UUID organiser, String token) {
        String base() {
            return "/api/v1/networks/" + id;
        }
    }

    @Test
    void under_load_kills_a_broker_stop_and_a_database_stop_lose_nothing_and_count_nothing_twice() throws Exception {
        List<Load.Network> networks = List.of(loaded(), loaded());
        Map<UUID, UUID> closing = new HashMap<>(); // purpose → network, consultations that come due during the drill
        Instant started = Instant.now();
        for (int i = 0; i < 6; i++) {
            Founded f = found();
            closing.put(consultation(f, started.plusSeconds(20 + 30L * i)), f.id());
        }
        Set<String> keys = ConcurrentHashMap.newKeySet();
        networks.forEach(n -> keys.add(n.id().toString()));
        closing.values().forEach(n -> keys.add(n.toString()));

        try (Watch watch = new Watch(SYSTEM, keys)) {
            Load load = new Load(SYSTEM, clients, ledger, networks);
            load.start();
            say("load started");
            Thread.sleep(8000);
            kills(watch);
            say("kills done, every instance replaced");
            terminations();
            say("one instance of each service terminated with SIGTERM and replaced");
            brokerOutage();
            say("broker outage done");
            databaseOutage(networks.get(0));
            say("database outage done");
            Thread.sleep(5000);
            load.stop();
            say("load stopped");
            findings.addAll(load.failures());

            Instant settling = Instant.now();
            findings.addAll(settled(Duration.ofMinutes(2), () -> differences(networks)));
            figures.add(String.format("projections matched the ledger %d ms after the load stopped",
                    Duration.between(settling, Instant.now()).toMillis()));
            findings.addAll(settled(Duration.ofMinutes(1), () -> closedOnce(closing)));
            findings.addAll(publishedTwice(keys));
            findings.addAll(clients.unexpected5xx().stream().map(e -> "5xx other than 503: " + e + logged(e)).toList());

            List<Long> fresh = new ArrayList<>(load.freshness());
            fresh.sort(null);
            figures.add(0, String.format("writes acknowledged: %d (%d members joined with a stance, %d breach reports, %d activities; "
                            + "%d reports answered 503 or not at all, %d activities the REST door rejected)", ledger.acknowledged.get(),
                    ledger.joins.size(), ledger.reports.size(), ledger.activities.size(), ledger.uncertainReports.size(),
                    ledger.rejectedActivities.size()));
            figures.add(String.format("redeliveries seen and discarded by the consumers: %d", watch.redeliveriesDiscarded()));
            figures.add(String.format("freshness (202 of an activity to its effect on the member's engagement), %d probes: p50 %d ms, "
                            + "p99 %d ms, worst %d ms", fresh.size(), percentile(fresh, 0.50), percentile(fresh, 0.99),
                    fresh.isEmpty() ? 0 : fresh.get(fresh.size() - 1)));
            figures.add(String.format("REST answers: %d, of which 503: %d, 5xx other than 503: %d", clients.answers(),
                    clients.unavailable(), clients.unexpected5xx().size()));
            System.out.println("crash drill under load:\n  " + String.join("\n  ", figures));

            assertThat("writes acknowledged", ledger.joins.size(), greaterThan(100));
            assertThat("breach reports acknowledged", ledger.reports.size(), greaterThan(20));
            assertThat("freshness probes", fresh.size(), greaterThan(20));
            assertThat(findings, empty());
        }
    }

    /**
     * Six kills, ten seconds apart, each instance replaced at once (a pod restarting): first the instance publishing
     * members-service's outbox, then norms-service's, then random ones among the services that have another
     * instance ready, so that no service is ever wholly down.
     */
    private void kills(Watch watch) throws Exception {
        Random random = new Random();
        Map<Instant, String> publisherKills = new HashMap<>();
        Set<ServiceProcess> starting = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> replacements = new ArrayList<>();
        int i = 0;
        while (i < KILLS) {
            Instant at = Instant.now();
            List<CohesionService> eligible = new ArrayList<>();
            for (CohesionService s : i == 0 ? List.of(MEMBERS) : i == 1 ? List.of(NORMS) : List.of(CohesionService.values())) {
                if (SYSTEM.instances(s).stream().filter(p -> !starting.contains(p)).count() >= 2) {
                    eligible.add(s);
                }
            }
            if (eligible.isEmpty()) {
                Thread.sleep(1000); // every service has an instance still starting
                continue;
            }
            CohesionService service = eligible.get(random.nextInt(eligible.size()));
            List<ServiceProcess> ready = SYSTEM.instances(service).stream().filter(p -> !starting.contains(p)).toList();
            ServiceProcess victim = ready.get(random.nextInt(ready.size()));
            for (ServiceProcess p : ready) {
                if (i < 2 && publishing(p)) {
                    victim = p;
                }
            }
            boolean publisher = service != METRICS && publishing(victim);
            ServiceProcess replacement = SYSTEM.killAndReplace(service, victim);
            starting.add(replacement);
            if (publisher) {
                publisherKills.put(at, service == MEMBERS ? Topics.MEMBERS : Topics.NORMS);
            }
            String killed = String.format("kill %d: %s%s (SIGKILL)", ++i, victim.name(), publisher ? ", the outbox publisher," : "");
            replacements.add(CompletableFuture.runAsync(() -> {
                try {
                    boolean up = replacement.awaitReady(Duration.ofMinutes(3));
                    figures.add(String.format("%s: %s in its place %s after %d ms", killed, replacement.name(),
                            up ? "ready" : "NOT ready", Duration.between(at, Instant.now()).toMillis()));
                    if (!up) {
                        findings.add(replacement.name() + " did not become ready in 3 minutes");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                starting.remove(replacement);
            }));
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), at.plusSeconds(10)).toMillis()));
        }
        CompletableFuture.allOf(replacements.toArray(CompletableFuture[]::new)).get(4, TimeUnit.MINUTES);
        Duration longest = publisherKills.entrySet().stream()
                .map(k -> watch.longestWait(k.getValue(), k.getKey().minusSeconds(1), k.getKey().plusSeconds(10)))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        figures.add(String.format("longest an event written around a publisher's kill (%d kills) waited for its topic: %d ms",
                publisherKills.size(), longest.toMillis()));
    }

    /**
     * A rolling restart's step for each service, under the same load: one instance leaves the instances the clients
     * pick (as a Service drops a terminating pod), gets SIGTERM, must answer what it took and exit within the
     * termination grace period, and a new one takes its place. Writes lost or answered 5xx show in the load's checks.
     */
    private void terminations() throws InterruptedException {
        for (CohesionService s : CohesionService.values()) {
            ServiceProcess victim = SYSTEM.instances(s).stream().filter(p -> p != SYSTEM.process(s)).findFirst().orElseThrow();
            Instant signalled = Instant.now();
            RunningSystem.Terminated t = SYSTEM.terminateAndReplace(s, victim, GRACE);
            boolean up = t.replacement().awaitReady(Duration.ofMinutes(3));
            figures.add(String.format("SIGTERM to %s: exited after %d ms; %s in its place %s after %d ms", victim.name(),
                    t.took().toMillis(), t.replacement().name(), up ? "ready" : "NOT ready", Duration.between(signalled, Instant.now()).toMillis()));
            if (!t.inTime()) {
                findings.add(victim.name() + " did not exit within " + GRACE.toSeconds() + " s of SIGTERM (killed)");
            }
            if (!up) {
                findings.add(t.replacement().name() + " did not become ready in 3 minutes");
            }
            clients.lostAt(victim.baseUrl(), signalled).forEach(l -> findings.add(victim.name() + " took " + l.request()
                    + " after SIGTERM and never answered it"));
        }
    }

    private void brokerOutage() throws InterruptedException {
        STACK.kafka().stop();
        Thread.sleep(OUTAGE.toMillis());
        STACK.kafka().start();
        figures.add("broker stopped for " + OUTAGE.toSeconds() + " s and started again");
        Thread.sleep(10_000);
    }

    /**
     * While PostgreSQL is away every instance answers its REST calls 503 problem+json within 2 s and reports itself
     * not ready; once it is back, every instance is ready again by itself.
     */
    private void databaseOutage(Load.Network n) throws Exception {
        Map<CohesionService, String> reads = Map.of(MEMBERS, n.base(), NORMS, n.base() + "/norms-settings", METRICS, n.base() + "/health");
        STACK.postgres().stop();
        Instant stopped = Instant.now();
        Duration slowest = Duration.ZERO;
        for (Duration into : List.of(Duration.ofSeconds(3), Duration.ofSeconds(20))) {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(into)).toMillis()));
            for (CohesionService s : CohesionService.values()) {
                for (ServiceProcess p : SYSTEM.instances(s)) {
                    Clients.Answer a = clients.send(p.baseUrl(), "GET", reads.get(s), n.organiserToken(), null, Map.of());
                    slowest = a.took().compareTo(slowest) > 0 ? a.took() : slowest;
                    if (a.status() != 503 || !a.contentType().startsWith("application/problem+json") || a.took().toMillis() > 2000) {
                        findings.add(String.format("%s with PostgreSQL away: %d %s after %d ms", p.name(), a.status(), a.contentType(),
                                a.took().toMillis()));
                    }
                    int ready = clients.send(p.managementUrl(), "GET", "/q/health/ready", null, null, Map.of()).status();
                    if (ready != 503) {
                        findings.add(p.name() + " reported itself ready (" + ready + ") with PostgreSQL away");
                    }
                }
            }
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(OUTAGE)).toMillis()));
        STACK.postgres().start();
        Instant back = Instant.now();
        for (CohesionService s : CohesionService.values()) {
            for (ServiceProcess p : SYSTEM.instances(s)) {
                if (!p.awaitReady(Duration.ofSeconds(60))) {
                    findings.add(p.name() + " was not ready again within 60 s of PostgreSQL's return");
                }
            }
        }
        figures.add(String.format("PostgreSQL stopped for %d s: REST answered 503 problem+json in at most %d ms; every instance "
                + "ready again %d ms after it returned", OUTAGE.toSeconds(), slowest.toMillis(), Duration.between(back, Instant.now()).toMillis()));
    }

    /** The failure behind a 500's error id, as the instance that answered logged it: its exception lines and causes. */
    private static String logged(String answer) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("error id ([0-9a-f-]{36})").matcher(answer);
        if (!id.find()) {
            return "";
        }
        java.nio.file.Path logs = SYSTEM.process(MEMBERS).logFile().getParent();
        try (var files = java.nio.file.Files.list(logs)) {
            for (java.nio.file.Path log : files.toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(id.group(1))) {
                        return "\n    logged in " + log.getFileName() + ":\n    " + String.join("\n    ", lines.subList(i, Math.min(lines.size(), i + 40))
                                .stream().filter(l -> !l.startsWith("\tat ") || l.contains("dev.cohesion")).limit(16).toList());
                    }
                }
            }
        } catch (IOException e) {
            return " (logs unreadable: " + e + ")";
        }
        return " (error id not found in " + logs + ")";
    }

    /** What the check still finds once it finds nothing, or when the time is up. */
    private static List<String> settled(Duration atMost, java.util.function.Supplier<List<String>> check) throws InterruptedException {
        Instant giveUp = Instant.now().plus(atMost);
        List<String> found = check.get();
        while (!found.isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(2000);
            found = check.get();
        }
        return found;
    }

    private static void say(String what) {
        System.out.println(Instant.now() + " crash drill: " + what);
    }

    /** Where a service's data differs from the ledger, in words; empty when they agree. */
    private List<String> differences(List<Load.Network> networks) {
        List<String> found = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Load.Network n : networks) {
            Set<String> members = new HashSet<>(strings(ledger.members(n.id())));
            members.add(n.organiser().toString());
            Map<String, String> stances = new HashMap<>();
            ledger.stances.forEach((m, s) -> {
                if (members.contains(m.toString())) {
                    stances.put(m.toString(), s);
                }
            });
            compare(found, "members-service members of " + n.id(), members, column(MEMBERS.database(),
                    "select id::text from member where network_id = ? and status = 'ACTIVE'", n.id()));
            compare(found, "norms-service members of " + n.id(), members, column(NORMS.database(),
                    "select id::text from member where network_id = ? and status = 'ACTIVE'", n.id()));
            compare(found, "metrics-service members of " + n.id(), members, column(METRICS.database(),
                    "select id::text from member where network_id = ? and status = 'ACTIVE'", n.id()));
            compare(found, "members-service stances on " + n.purpose(), stances, pairs(MEMBERS.database(),
                    "select member_id::text, stance from stance where purpose_id = ?", n.purpose()));
            compare(found, "metrics-service stances on " + n.purpose(), stances, pairs(METRICS.database(),
                    "select member_id::text, stance from stance where purpose_id = ?", n.purpose()));
            compare(found, "metrics-service activities of " + n.id(), ledger.activityKeys(n.id()), column(METRICS.database(),
                    "select idempotency_key from activity where network_id = ?", n.id()));
            Map<String, String> perMember = new HashMap<>();
            ledger.activitiesPerMember(n.id()).forEach((m, c) -> perMember.put(m.toString(), String.valueOf(c)));
            compare(found, "metrics-service activity counts in " + n.id(), perMember, pairs(METRICS.database(),
                    "select id::text, activity_count::text from member where network_id = ? and activity_count > 0", n.id()));
            Map<String, String> cases = pairs(NORMS.database(), "select id::text, description from breach_case where network_id = ?", n.id());
            cases.forEach((id, description) -> {
                if (!ledger.reports.contains(UUID.fromString(id)) && !ledger.uncertainReports.contains(description)) {
                    found.add("norms-service has a breach case nobody was told of: " + id + " " + description);
                }
            });
            cases.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).forEach((d, count) -> {
                if (count > 1) {
                    found.add("a breach report is there " + count + " times: " + d);
                }
                if (ledger.refusedReports.contains(d)) {
                    found.add("a breach report that was refused is there: " + d);
                }
            });
            reported.addAll(cases.keySet());
            compare(found, "metrics-service breach cases of " + n.id(), cases.keySet(), column(METRICS.database(),
                    "select id::text from breach_case where network_id = ?", n.id()));
        }
        ledger.reports.stream().filter(id -> !reported.contains(id.toString()))
                .forEach(id -> found.add("an acknowledged breach report is missing: " + id));
        return found;
    }

    /** Events of the drill's networks that are on a topic more than once, by event id. */
    private List<String> publishedTwice(Set<String> keys) {
        List<String> twice = new ArrayList<>();
        for (String topic : List.of(Topics.MEMBERS, Topics.NORMS, Topics.METRICS)) {
            Map<String, Long> perId = STACK.records(topic).stream().filter(r -> keys.contains(r.key()))
                    .collect(Collectors.groupingBy(r -> r.header("ce_id"), Collectors.counting()));
            perId.forEach((id, count) -> {
                if (count > 1) {
                    twice.add(topic + ": event " + id + " published " + count + " times");
                }
            });
            figures.add(String.format("%s: %d events of the drill's networks, each once: %s", topic, perId.size(),
                    perId.values().stream().allMatch(c -> c == 1)));
        }
        return twice;
    }

    /** Consultations that did not close exactly once: their status, and their decisions on the topic. */
    private List<String> closedOnce(Map<UUID, UUID> closing) {
        List<TopicRecords.Record> records = STACK.records(Topics.MEMBERS);
        List<String> wrong = new ArrayList<>();
        closing.forEach((purpose, network) -> {
            long decisions = records.stream().filter(r -> network.toString().equals(r.key()))
                    .filter(r -> r.header("ce_type").endsWith(".purpose-adopted.v1") || r.header("ce_type").endsWith(".purpose-rejected.v1"))
                    .count();
            String status = String.valueOf(STACK.query(MEMBERS.database(), "select status from purpose where id = ?", purpose).get(0).get(0));
            if (decisions != 1 || !"ADOPTED".equals(status)) {
                wrong.add("consultation " + purpose + ": " + status + ", " + decisions + " decisions published");
            }
        });
        return wrong;
    }

    private static <T> void compare(List<String> found, String what, T expected, T actual) {
        if (!expected.equals(actual)) {
            found.add(what + " differ from the ledger: " + difference(expected, actual));
        }
    }

    private static String difference(Object expected, Object actual) {
        if (expected instanceof Set<?> e && actual instanceof Set<?> a) {
            Set<Object> missing = new HashSet<>(e);
            missing.removeAll(a);
            Set<Object> extra = new HashSet<>(a);
            extra.removeAll(e);
            return "missing " + sample(missing) + ", not in the ledger " + sample(extra);
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            List<String> d = new ArrayList<>();
            e.forEach((k, v) -> {
                if (!v.equals(a.get(k))) {
                    d.add(k + ": ledger " + v + ", service " + a.get(k));
                }
            });
            a.keySet().stream().filter(k -> !e.containsKey(k)).forEach(k -> d.add(k + ": not in the ledger, service " + a.get(k)));
            return d.size() + " entries, e.g. " + sample(d);
        }
        return expected + " vs " + actual;
    }

    private static String sample(java.util.Collection<?> c) {
        return c.size() + " " + c.stream().limit(3).toList();
    }

    private static int percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)).intValue();
    }

    private static List<String> strings(java.util.Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static Set<String> column(String database, String sql, Object parameter) {
        return STACK.query(database, sql, parameter).stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.toSet());
    }

    private static Map<String, String> pairs(String database, String sql, Object parameter) {
        return STACK.query(database, sql, parameter).stream().collect(Collectors.toMap(r -> String.valueOf(r.get(0)), r -> String.valueOf(r.get(1))));
    }

    /** Whether the instance's readiness says it publishes its service's outbox. */
    private boolean publishing(ServiceProcess p) throws InterruptedException {
        JsonNode ready;
        try {
            ready = clients.send(p.managementUrl(), "GET", "/q/health/ready", null, null, Map.of()).body();
        } catch (IOException e) {
            return false;
        }
        for (JsonNode check : ready == null ? List.<JsonNode>of() : ready.path("checks")) {
            if ("Outbox relay".equals(check.path("name").asText()) && check.path("data").path("publishing").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** A call of the set-up, before any instance is killed: it must answer the status given. */
    private JsonNode setUp(CohesionService service, String method, String path, String token, Object body, int status) {
        try {
            Clients.Answer a = clients.call(service, method, path, token, body, Map.of());
            if (a.status() != status) {
                throw new AssertionError(method + " " + path + " answered " + a.status() + " " + a.body());
            }
            return a.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether every instance of the service answers the read with 200 (it has taken in the network's creation). */
    private boolean everyInstanceKnows(CohesionService service, String path, String token) throws Exception {
        for (ServiceProcess p : SYSTEM.instances(service)) {
            if (clients.send(p.baseUrl(), "GET", path, token, null, Map.of()).status() != 200) {
                return false;
            }
        }
        return true;
    }

    private Founded found() {
        String subject = "drill-organiser-" + UUID.randomUUID();
        JsonNode created = setUp(MEMBERS, "POST", "/api/v1/networks", admin, Map.of("slug", "drill-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Drill", "firstOrganiser", Map.of("userId", subject, "displayName", "Organiser", "constituency", "OTHER")), 201);
        return new Founded(UUID.fromString(created.path("network").path("id").asText()),
                UUID.fromString(created.path("firstOrganiserMemberId").asText()), STACK.tokens(subject).sign());
    }

    /** A purpose in consultation until the time given, which the organiser endorses. */
    private UUID consultation(Founded f, Instant closesAt) {
        UUID purpose = UUID.fromString(setUp(MEMBERS, "POST", f.base() + "/purposes", f.token(),
                Map.of("statement", "What we are here for"), 201).path("id").asText());
        setUp(MEMBERS, "POST", f.base() + "/purposes/" + purpose + "/consultation", f.token(),
                Map.of("closesAt", closesAt.toString()), 200);
        setUp(MEMBERS, "PUT", f.base() + "/purposes/" + purpose + "/stances/mine", f.token(), Map.of("stance", "ENDORSE"), 200);
        return purpose;
    }

    /** A network under load: a purpose open for a week, a norm in force, the organiser known to metrics-service. */
    private Load.Network loaded() {
        Founded f = found();
        UUID purpose = consultation(f, Instant.now().plus(7, ChronoUnit.DAYS));
        ledger.stances.put(f.organiser(), "ENDORSE");
        await().atMost(Duration.ofSeconds(30)).until(() -> everyInstanceKnows(NORMS, f.base() + "/norms-settings", f.token()));
        UUID norm = UUID.fromString(setUp(NORMS, "POST", f.base() + "/norms", f.token(), Map.of("code", "D-01", "title", "Keep your word",
                "text", "Deliver what you volunteer for.", "category", "collaboration", "severity", "LOW"), 201).path("id").asText());
        setUp(NORMS, "POST", f.base() + "/norms/" + norm + "/activation", f.token(), null, 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> everyInstanceKnows(METRICS, f.base() + "/health", f.token()));
        return new Load.Network(f.id(), f.organiser(), f.token(), purpose, norm);
    }
}
