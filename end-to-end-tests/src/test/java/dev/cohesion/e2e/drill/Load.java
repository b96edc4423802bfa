package dev.cohesion.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.e2e.RunningSystem;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.TopicAccess;
import dev.cohesion.events.Topics;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.stack.process.CohesionService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;

/**
 * A steady load of writes through every door, each kept in the {@link Ledger} once acknowledged: joins (apply,
 * approve) and stances on members-service, breach reports on norms-service, activities through metrics-service's
 * REST door and straight onto the topic, and a probe that measures freshness. A write whose answer is lost (the
 * instance died, the database or the broker is away) is retried as its API allows: with the same
 * Idempotency-Key, the same stance, the same activity key; a breach report, which has no key, is not retried and
 * is kept as uncertain.
 */
final class Load {

    /** A network under load: its organiser, the purpose its members take stances on, the norm they report. */
    record Network(UUID id, UUID organiser, String organiserToken, UUID purpose, UUID norm) {
        String base() {
            return "/api/v1/networks/" + id;
        }
    }

    private static final String[] STANCES = {"ENDORSE", "ENDORSE", "OBJECT", "ABSTAIN"};
    private static final Duration GIVE_UP = Duration.ofSeconds(150);

    private final RunningSystem system;
    private final Clients clients;
    private final Ledger ledger;
    private final List<Network> networks;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<UUID> knownToMetrics = ConcurrentHashMap.newKeySet();
    private final List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    Load(RunningSystem system, Clients clients, Ledger ledger, List<Network> networks) {
        this.system = system;
        this.clients = clients;
        this.ledger = ledger;
        this.networks = networks;
    }

    void start() {
        every("joins", Duration.ofMillis(400), this::join);
        every("breach reports", Duration.ofMillis(1500), this::report);
        every("activities through the REST door", Duration.ofMillis(600), this::restDoor);
        KafkaProducer<String, String> producer = integrator();
        every("activities onto the topic", Duration.ofMillis(300), () -> topicDoor(producer));
        every("freshness probe", Duration.ofSeconds(2), this::probeFreshness);
    }

    /** Stops producing new writes and waits until those under way have their answer (or were given up). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(GIVE_UP.plusSeconds(30).toMillis());
            if (t.isAlive()) {
                failures.add(t.getName() + " still running " + GIVE_UP.plusSeconds(30) + " after the load stopped");
            }
        }
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Milliseconds from each probe's 202 to its activity's effect in the member's engagement. */
    List<Long> freshness() {
        synchronized (freshness) {
            return List.copyOf(freshness);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void every(String name, Duration period, Step step) {
        Thread t = new Thread(() -> {
            while (running) {
                long next = System.nanoTime() + period.toNanos();
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | AssertionError e) {
                    failures.add(name + ": " + e);
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "drill " + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private interface Call {
        Clients.Answer send() throws IOException, InterruptedException;
    }

    /**
     * Sends the call until it gets a definitive answer: again after a lost answer, a 503, a 429 or a 409 conflict
     * (a retry waits for a first request with the same Idempotency-Key still running, so this conflict is a unique
     * key taken at the same moment).
     */
    private Clients.Answer untilAnswered(String what, Call call) throws InterruptedException {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        long backoff = 200;
        while (true) {
            try {
                Clients.Answer a = call.send();
                boolean again = a.status() == 503 || a.status() == 429 || (a.status() == 409 && a.problemType().endsWith("/conflict"));
                if (!again) {
                    return a;
                }
            } catch (IOException lost) {
                // the instance died under the request, or the answer timed out: ask again
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(what + " got no definitive answer in " + GIVE_UP);
            }
            Thread.sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private static void expect(String what, Clients.Answer a, int status) {
        if (a.status() != status) {
            throw new AssertionError(what + " answered " + a.status() + " " + a.body());
        }
    }

    private void join() throws InterruptedException {
        Network n = networks.get(ThreadLocalRandom.current().nextInt(networks.size()));
        String subject = "drill-" + UUID.randomUUID();
        String token = system.stack().tokens(subject).sign();
        Map<String, Object> application = Map.of("profile", Map.of("displayName", "Drill member " + subject.substring(6, 14),
                "constituency", "OTHER"));
        Clients.Answer applied = untilAnswered("application", () -> clients.call(MEMBERS, "POST", n.base() + "/applications", token,
                application, Map.of("Idempotency-Key", subject)));
        expect("application", applied, 201);
        ledger.acknowledged.incrementAndGet();
        UUID member = UUID.fromString(applied.body().path("id").asText());
        String path = n.base() + "/members/" + member;
        Clients.Answer approved = untilAnswered("approval", () -> clients.call(MEMBERS, "POST", path + "/approval", n.organiserToken(),
                null, Map.of()));
        if (approved.status() != 200) {
            // the answer to an approval that was done can be lost; then the member is active and a second one refused
            Clients.Answer now = untilAnswered("member", () -> clients.call(MEMBERS, "GET", path, n.organiserToken(), null, Map.of()));
            if (!"ACTIVE".equals(now.body() == null ? null : now.body().path("status").asText())) {
                throw new AssertionError("approval answered " + approved.status() + " " + approved.body() + " and the member is " + now.body());
            }
        }
        ledger.acknowledged.incrementAndGet();
        ledger.joins.put(member, new Ledger.Joined(n.id(), member, subject, Instant.now()));
        String stance = STANCES[Math.floorMod(member.hashCode(), STANCES.length)];
        Map<String, String> body = stance.equals("OBJECT") ? Map.of("stance", stance, "reason", "Not what I joined for")
                : Map.of("stance", stance);
        Clients.Answer recorded = untilAnswered("stance", () -> clients.call(MEMBERS, "PUT",
                n.base() + "/purposes/" + n.purpose() + "/stances/mine", token, body, Map.of()));
        expect("stance", recorded, 200);
        ledger.stances.put(member, stance);
        ledger.acknowledged.incrementAndGet();
    }

    /** A member of some seconds' standing (norms-service knows them by then) reports another one. */
    private void report() throws InterruptedException {
        Network n = networks.get(ThreadLocalRandom.current().nextInt(networks.size()));
        Instant settled = Instant.now().minusSeconds(10);
        List<Ledger.Joined> candidates = ledger.joins.values().stream()
                .filter(j -> j.network().equals(n.id()) && j.at().isBefore(settled)).toList();
        if (candidates.size() < 2) {
            return;
        }
        Ledger.Joined reporter = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        Ledger.Joined subject = candidates.stream().filter(c -> !c.equals(reporter)).skip(ThreadLocalRandom.current()
                .nextInt(candidates.size() - 1)).findFirst().orElseThrow();
        String description = "drill report " + UUID.randomUUID();
        try {
            Clients.Answer a = clients.call(NORMS, "POST", n.base() + "/breach-reports", system.stack().tokens(reporter.subject()).sign(),
                    Map.of("subjectMemberId", subject.member().toString(), "normId", n.norm().toString(), "normVersion", 1,
                            "description", description), Map.of());
            if (a.status() == 201) {
                ledger.reports.add(UUID.fromString(a.body().path("id").asText()));
                ledger.acknowledged.incrementAndGet();
            } else if (a.status() >= 500) {
                ledger.uncertainReports.add(description);
            } else {
                ledger.refusedReports.add(description);
            }
        } catch (IOException lost) {
            ledger.uncertainReports.add(description);
        }
    }

    private void restDoor() throws InterruptedException {
        Network n = networks.get(ThreadLocalRandom.current().nextInt(networks.size()));
        List<UUID> members = new ArrayList<>(ledger.members(n.id()));
        if (members.isEmpty()) {
            return;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, UUID> byKey = new HashMap<>();
        String occurredAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < 3; i++) {
            UUID member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            String key = "rest-" + UUID.randomUUID();
            byKey.put(key, member);
            items.add(Map.of("memberId", member.toString(), "type", i == 0 ? "CONTRIBUTED" : "POSTED", "occurredAt", occurredAt,
                    "idempotencyKey", key));
        }
        for (JsonNode item : record(n, items, "activities").path("items")) {
            String key = item.path("idempotencyKey").asText();
            switch (item.path("status").asText()) {
                case "ACCEPTED", "DUPLICATE" -> {
                    ledger.activities.put(key, new Ledger.Activity(n.id(), byKey.get(key)));
                    knownToMetrics.add(byKey.get(key));
                }
                default -> ledger.rejectedActivities.add(key);
            }
        }
    }

    private JsonNode record(Network n, List<Map<String, Object>> items, String what) throws InterruptedException {
        Map<String, Object> batch = Map.of("activities", items, "source", "drill");
        String key = UUID.randomUUID().toString();
        Clients.Answer a = untilAnswered(what, () -> clients.call(METRICS, "POST", n.base() + "/activities", n.organiserToken(), batch,
                Map.of("Idempotency-Key", key)));
        expect(what, a, 202);
        ledger.acknowledged.incrementAndGet();
        return a.body();
    }

    private KafkaProducer<String, String> integrator() {
        Properties p = new Properties();
        p.putAll(system.stack().kafka().clientConfig(TopicAccess.INTEGRATOR));
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "20000");
        p.put("request.timeout.ms", "5000");
        p.put("max.block.ms", "20000");
        return new KafkaProducer<>(p);
    }

    /** An integrator's activity for a member metrics-service counted before, sent again until Kafka acknowledges it. */
    private void topicDoor(KafkaProducer<String, String> producer) throws Exception {
        List<UUID> known = new ArrayList<>(knownToMetrics);
        if (known.isEmpty()) {
            return;
        }
        UUID member = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        UUID network = ledger.joins.get(member).network();
        String key = "topic-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String value = EventJson.MAPPER.writeValueAsString(EventEnvelope.of(UUID.randomUUID(), "/drill/integrator",
                ActivitiesEvents.ACTIVITY_RECORDED, now, "members/" + member, network,
                new ActivityRecorded(network, member, "ATTENDED_EVENT", now, null, "drill-integrator", key)));
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (true) {
            try {
                producer.send(new ProducerRecord<>(Topics.ACTIVITIES, member.toString(), value)).get(30, TimeUnit.SECONDS);
                ledger.activities.put(key, new Ledger.Activity(network, member));
                ledger.acknowledged.incrementAndGet();
                return;
            } catch (Exception notAcknowledged) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new AssertionError("Kafka did not acknowledge an activity in " + GIVE_UP, notAcknowledged);
                }
                Thread.sleep(1000);
            }
        }
    }

    /** An activity for the first network's organiser, and how long until their engagement shows it. */
    private void probeFreshness() throws Exception {
        Network n = networks.get(0);
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String key = "probe-" + UUID.randomUUID();
        JsonNode result = record(n, List.of(Map.of("memberId", n.organiser().toString(), "type", "CONTRIBUTED",
                "occurredAt", occurredAt.toString(), "idempotencyKey", key)), "freshness probe");
        Instant acknowledged = Instant.now();
        String status = result.path("items").path(0).path("status").asText();
        if (!status.equals("ACCEPTED") && !status.equals("DUPLICATE")) {
            throw new AssertionError("the probe's activity was not accepted: " + result);
        }
        ledger.activities.put(key, new Ledger.Activity(n.id(), n.organiser()));
        if (status.equals("DUPLICATE")) {
            return; // an attempt whose answer was lost had it counted already: nothing left to time
        }
        String path = n.base() + "/members/" + n.organiser() + "/engagement";
        while (Duration.between(acknowledged, Instant.now()).compareTo(GIVE_UP) < 0) {
            try {
                Clients.Answer a = clients.call(METRICS, "GET", path, n.organiserToken(), null, Map.of());
                String last = a.status() == 200 ? a.body().path("lastActivityAt").asText(null) : null;
                if (last != null && !Instant.parse(last).isBefore(occurredAt)) {
                    freshness.add(Duration.between(acknowledged, Instant.now()).toMillis());
                    return;
                }
            } catch (IOException lost) {
                // the instance died under the read: read again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the probe's activity of " + occurredAt + " did not show in " + GIVE_UP);
    }
}
