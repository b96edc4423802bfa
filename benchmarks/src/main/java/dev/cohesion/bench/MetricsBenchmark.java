package dev.cohesion.bench;

import dev.cohesion.events.TopicAccess;
import dev.cohesion.events.Topics;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.events.members.Principal;
import dev.cohesion.events.members.Role;
import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * metrics-service at the size the design asks for: a network of 100,000 members with 10 million activities of six
 * months' history, then
 * <ol>
 *   <li>ingestion through the topic: activities written by an integrator to cohesion.activities.v1, counted
 *   (deduplicated by key, participation and weekly sums updated) by the running service, and Kafka's own
 *   ConsumerPerformance reading the same records in the same run as the baseline;</li>
 *   <li>ingestion through the REST door: batches of 1,000 from concurrent partner clients;</li>
 *   <li>reads: a member's engagement, the network's health, a recommendation's members, at that size.</li>
 * </ol>
 * The members arrive as member-joined events through the service's consumer, like in production. The history is
 * written with set-based SQL into the same tables the ingestion fills (activity, member_week, network_week, the
 * member's participation), because replaying 10 million records through the consumer before each measurement would
 * take longer than the measurement; the measured ingestion then runs on top of it.
 */
public final class MetricsBenchmark {

    private static final String[] TYPES = {"POSTED", "COMMENTED", "ATTENDED_EVENT", "CONTRIBUTED", "MENTORED", "SHARED_RESOURCE"};

    private final Bench bench = new Bench();
    private final Random random = new Random(7);
    private final UUID network = UUID.randomUUID();
    private final List<UUID> members = new ArrayList<>();
    private ServiceProcess metrics;

    static final Map<String, String> OPTIONS = Map.of("members", "100000", "history", "10000000", "activities", "300000",
            "rest-batches", "100", "reads", "2000", "list-reads", "200", "probes", "100");

    public static void main(String[] args) {
        Bench.main(args, OPTIONS, MetricsBenchmark::run);
    }

    static void run(Map<String, String> o) throws Exception {
        new MetricsBenchmark().run(Integer.parseInt(o.get("members")), Long.parseLong(o.get("history")),
                Integer.parseInt(o.get("activities")), Integer.parseInt(o.get("rest-batches")), Integer.parseInt(o.get("reads")),
                Integer.parseInt(o.get("list-reads")), Integer.parseInt(o.get("probes")));
    }

    private void run(int memberCount, long history, int activities, int restBatches, int reads, int listReads, int probes) throws Exception {
        metrics = bench.start(CohesionService.METRICS, Map.of());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL, Kafka and metrics-service on it");

        long joinRate = seedMembers(memberCount);
        figures.put("member-joined events projected", memberCount + " at " + joinRate + "/s");
        long seeded = seedHistory(history);
        figures.put("history written by SQL", history + " activities in " + seeded + " s");

        String acceptedBefore = Long.toString(counted());
        int warmUp = Math.max(10_000, activities / 10);
        topicIngestion(warmUp, "warm-up-");
        long[] cpuBefore = Bench.cpuMillis(metrics);
        double topicRate = topicIngestion(activities, "topic-");
        long[] cpuAfter = Bench.cpuMillis(metrics);
        String baseline = Bench.kafkaTool("ConsumerPerformance", "--bootstrap-server", bench.stack.kafka().bootstrapServers(),
                "--consumer.config", bench.adminConfigFile().toString(), "--topic", Topics.ACTIVITIES, "--messages", Integer.toString(activities),
                "--group", "bench-baseline-" + UUID.randomUUID(), "--timeout", "120000");
        double baselineRate = Bench.column(baseline, "nMsg.sec");
        figures.put("ingestion through the topic (counted/s, sustained)", String.format("%.0f activities/s (%d activities, after %d to warm up; %s counted before)",
                topicRate, activities, warmUp, acceptedBefore));
        figures.put("CPU of the topic ingestion (producing included)", Bench.cpuPer(cpuBefore, cpuAfter, activities, "activity"));
        figures.put("Kafka ConsumerPerformance, same topic, same run", String.format("%.0f records/s", baselineRate));
        figures.put("ingestion / raw consumption", String.format("%.3f", topicRate / baselineRate));
        Report.compare("ingestion through the topic, counted", topicRate, "ConsumerPerformance", baselineRate, "≥ 0.25");

        double[] rest = restIngestion(restBatches);
        figures.put("REST door: batches of 1,000, 4 clients", String.format("%.0f activities/s answered 202, %.0f/s counted", rest[0], rest[1]));
        Report.compare("ingestion through the REST door, counted", rest[1], "ConsumerPerformance", baselineRate, "≥ 0.20");

        figures.putAll(readLatencies(reads, listReads));
        long[] fresh = Freshness.probe(bench, metrics.baseUrl() + "/api/v1/networks/" + network, probes, this::probeMember);
        figures.put("freshness: one activity through the REST door, from its 202 to the member's engagement showing it", Report.latencies(fresh));
        Report.bar("freshness, p99", Report.p99(fresh), "ms", 250);

        scaleOut(figures, activities, probes, topicRate);
        bench.startAndMemory(figures, metrics);
        bench.stopServices();
        Report.report("metrics-service: " + memberCount + " members, " + history + " activities of history", figures);
    }

    /**
     * network-created, then one member-joined per member, on cohesion.members.v1 (keyed by network, as members-service
     * does); the first member organises and signs in as bench-organiser; the partner client bench-partner may record
     * activities.
     */
    private long seedMembers(int count) throws Exception {
        Instant started = Instant.now();
        try (KafkaProducer<String, String> producer = bench.producer(TopicAccess.MEMBERS_SERVICE)) {
            Bench.send(producer, network, MembersEvents.NETWORK_CREATED, network.toString(), new NetworkCreated(network, "bench-" + network.toString().substring(0, 8),
                    "Benchmark network", new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0), Instant.now()));
            Instant joinedFrom = Instant.now().minus(400, ChronoUnit.DAYS);
            for (int i = 0; i < count; i++) {
                UUID member = UUID.randomUUID();
                members.add(member);
                Bench.send(producer, network, MembersEvents.MEMBER_JOINED, network.toString(), new MemberJoined(network, member,
                        i == 0 ? List.of(Role.ORGANISER, Role.MEMBER) : List.of(Role.MEMBER), JoinRoute.APPLICATION,
                        joinedFrom.plusSeconds(i * 60L)));
                Bench.send(producer, network, MembersEvents.MEMBER_PROFILE, member.toString(), new MemberProfile(network, member, "Member " + i,
                        "Organisation " + (int) (500 * Math.pow(random.nextDouble(), 2)), Constituency.values()[i % Constituency.values().length],
                        List.of(), new Principal(DevKeys.ISSUER, i == 0 ? "bench-organiser" : "bench-member-" + i), Instant.now()));
            }
            Bench.send(producer, network, MembersEvents.PARTNER_REGISTERED, network.toString(), new PartnerRegistered(network, UUID.randomUUID(),
                    "Benchmark partner", DevKeys.ISSUER, "bench-partner", List.of(PartnerScope.ACTIVITIES_WRITE), members.get(0), Instant.now()));
        }
        bench.awaitSql("metrics", "select count(*) from member where network_id = '" + network + "'", count, Duration.ofMinutes(30));
        long seconds = Math.max(1, Duration.between(started, Instant.now()).toSeconds());
        Report.say(count + " members projected in " + seconds + " s");
        return count / seconds;
    }

    private long seedHistory(long count) throws Exception {
        Instant started = Instant.now();
        try (Connection c = bench.database("metrics"); Statement s = c.createStatement()) {
            s.execute("create temporary table bench_member as select id, (row_number() over (order by id)) - 1 as rn from member "
                    + "where network_id = '" + network + "'");
            s.execute("create index on bench_member (rn)");
            int n = members.size();
            long chunk = 1_000_000;
            for (long from = 0; from < count; from += chunk) {
                long to = Math.min(count, from + chunk);
                // skewed: member rn = n·u² (a core does most), six types, over the 180 days up to yesterday; the last 40%
                // of the members only before the last 62 days: a dormant tail
                s.execute("insert into activity (network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended, received_at) "
                        + "select '" + network + "', 'history-' || x.g, m.id, t.type, now() - case when x.rn < " + (int) (n * 0.6)
                        + " then interval '1 day' + random() * interval '179 days' else interval '62 days' + random() * interval '118 days' end, "
                        + "t.weight, 'bench-history', false, now() from (select g, cast(floor(" + n + " * power(random(), 2)) as bigint) as rn "
                        + "from generate_series(" + from + ", " + (to - 1) + ") g offset 0) x join bench_member m on m.rn = x.rn "
                        + "join (values (0, 'POSTED', 1.0), (1, 'COMMENTED', 1.0), (2, 'ATTENDED_EVENT', 3.0), (3, 'CONTRIBUTED', 5.0), "
                        + "(4, 'MENTORED', 4.0), (5, 'SHARED_RESOURCE', 2.0)) t(i, type, weight) on t.i = x.g % 6");
                Report.say("history: " + to + " activities");
            }
            s.execute("insert into member_week (member_id, week, network_id, weight, activities) "
                    + "select member_id, cast(date_trunc('week', occurred_at at time zone 'UTC') as date), network_id, sum(weight), count(*) "
                    + "from activity where network_id = '" + network + "' group by 1, 2, 3");
            s.execute("insert into network_week (network_id, week, weight, activities) select network_id, week, sum(weight), sum(activities) "
                    + "from member_week where network_id = '" + network + "' group by 1, 2");
            s.execute("update member m set participation = x.p, participation_at = x.ref, first_activity_at = x.first, "
                    + "last_activity_at = x.last, activity_count = x.n from (select member_id, "
                    + "sum(weight * power(2, -extract(epoch from (now() - occurred_at)) / 86400 / 30)) as p, now() as ref, "
                    + "min(occurred_at) as first, max(occurred_at) as last, count(*) as n from activity where network_id = '" + network + "' "
                    + "group by member_id) x where m.id = x.member_id");
            // a norm book, acknowledged by 80% of the members (as norms-service's events would have it)
            s.execute("update network set current_book_version = 1 where id = '" + network + "'");
            s.execute("insert into acknowledgement (member_id, book_version, network_id, acknowledged_at) select id, 1, network_id, now() "
                    + "from member where network_id = '" + network + "' and random() < 0.8");
            s.execute("analyze");
        }
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        Report.say("history of " + count + " activities written in " + seconds + " s");
        return seconds;
    }

    /** Writes the activities to the topic as fast as Kafka takes them, and times until the service has counted them all. */
    private double topicIngestion(int count, String keyPrefix) throws Exception {
        long before = counted();
        Instant started = Instant.now();
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = bench.producer(TopicAccess.INTEGRATOR)) {
            for (int i = 0; i < count; i++) {
                UUID member = skewedMember();
                Bench.send(producer, network, ActivitiesEvents.ACTIVITY_RECORDED, member.toString(), new ActivityRecorded(network, member,
                        TYPES[random.nextInt(TYPES.length)], now.minusSeconds(random.nextInt(7 * 86400)), null, "bench-topic", keyPrefix + i));
            }
        }
        Report.say(count + " activities on the topic after " + Duration.between(started, Instant.now()).toMillis() + " ms");
        Instant done = awaitCounted(before + count);
        double seconds = Duration.between(started, done).toMillis() / 1000.0;
        Report.say(count + " activities counted in " + seconds + " s");
        return count / seconds;
    }

    /** Four partner clients post batches of 1,000; returns {answered/s, counted/s}. */
    private double[] restIngestion(int batches) throws Exception {
        String token = bench.stack.tokens("bench-partner").client("bench-partner").sign();
        long before = counted();
        Semaphore inFlight = new Semaphore(4);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        Instant started = Instant.now();
        Instant now = Instant.now();
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("{\"activities\":[");
            for (int i = 0; i < 1000; i++) {
                body.append(i == 0 ? "" : ",").append("{\"memberId\":\"").append(skewedMember()).append("\",\"type\":\"")
                        .append(TYPES[random.nextInt(TYPES.length)]).append("\",\"occurredAt\":\"")
                        .append(now.minusSeconds(random.nextInt(7 * 86400))).append("\",\"idempotencyKey\":\"rest-").append(b).append('-')
                        .append(i).append("\"}");
            }
            body.append("]}");
            inFlight.acquire();
            answers.add(Calls.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(metrics.baseUrl() + "/api/v1/networks/" + network + "/activities"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        Instant answered = Instant.now();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            if (a.join().statusCode() != 202 || !a.join().body().contains("\"accepted\":1000")) {
                throw new IllegalStateException("a batch was not accepted whole: " + a.join().statusCode() + " " + a.join().body());
            }
        }
        Instant done = awaitCounted(before + batches * 1000L);
        int total = batches * 1000;
        return new double[]{total / (Duration.between(started, answered).toMillis() / 1000.0),
                total / (Duration.between(started, done).toMillis() / 1000.0)};
    }

    /** Point reads (a member's engagement, the network's health), then the lists behind the organisers' dashboard. */
    private Map<String, String> readLatencies(int reads, int listReads) throws Exception {
        String organiser = bench.stack.tokens("bench-organiser").sign();
        String base = metrics.baseUrl() + "/api/v1/networks/" + network;
        Map<String, String> figures = new LinkedHashMap<>();
        Calls.reads(figures, reads, List.of(
                new Calls.Read("GET …/members/{id}/engagement", () -> base + "/members/" + skewedMember() + "/engagement", organiser),
                new Calls.Read("GET …/health", () -> base + "/health", organiser)));
        List<Calls.Read> lists = new ArrayList<>();
        for (String segment : List.of("DORMANT", "CORE")) {
            lists.add(new Calls.Read("GET …/engagement?segment=" + segment + "&limit=50", () -> base + "/engagement?segment=" + segment + "&limit=50",
                    organiser));
        }
        for (String kind : List.of("RE_ENGAGE_DORMANT", "REMIND_NORM_BOOK")) {
            lists.add(new Calls.Read("GET …/recommendations/" + kind + "/members?limit=50", () -> base + "/recommendations/" + kind
                    + "/members?limit=50", organiser));
        }
        Calls.reads(figures, listReads, lists);
        return figures;
    }

    /** A probe's member: alternately an active one and one of the dormant tail. */
    private UUID probeMember(int i) {
        return i % 2 == 0 ? skewedMember() : members.get((int) (members.size() * (0.6 + 0.4 * random.nextDouble())));
    }

    /**
     * A second instance joins the consumer group: the partitions are split between the two (their first records after
     * the move timed as freshness probes), the same topic ingestion runs again, and every activity is counted once.
     */
    private void scaleOut(Map<String, String> figures, int activities, int probes, double oneInstanceRate) throws Exception {
        ServiceProcess second = bench.start(CohesionService.METRICS, Map.of());
        long[] fresh = Freshness.probe(bench, metrics.baseUrl() + "/api/v1/networks/" + network, probes, this::probeMember);
        figures.put("2 instances: freshness right after the second joined (partitions moved)", Report.latencies(fresh));
        Report.bar("2 instances: freshness after the partitions moved, p99", Report.p99(fresh), "ms", 250);
        topicIngestion(Math.max(10_000, activities / 10), "two-instances-warm-up-");
        long[] cpuBefore = Bench.cpuMillis(metrics, second);
        double rate = topicIngestion(activities, "two-instances-");
        long[] cpuAfter = Bench.cpuMillis(metrics, second);
        figures.put("2 instances: partitions of " + Topics.ACTIVITIES + " per instance", assignment());
        figures.put("2 instances: ingestion through the topic (counted/s)", String.format("%.0f activities/s; one instance: %.0f/s; ratio %.2f",
                rate, oneInstanceRate, rate / oneInstanceRate));
        figures.put("2 instances: CPU of the topic ingestion", Bench.cpuPer(cpuBefore, cpuAfter, activities, "activity"));
        Report.compare("2 instances: ingestion through the topic", rate, "one instance", oneInstanceRate, "≥ 1");
        List<Object> counts = bench.stack.query("metrics", "select (select sum(activity_count) from member where network_id = ?), "
                + "(select count(*) from activity where network_id = ?)", network, network).get(0);
        if (((Number) counts.get(0)).longValue() != ((Number) counts.get(1)).longValue()) {
            throw new IllegalStateException("counted " + counts.get(0) + " activities but stored " + counts.get(1));
        }
        figures.put("2 instances: each activity counted once", counts.get(0) + " counted = " + counts.get(1) + " stored");
    }

    /** How many partitions of the activities topic each member of metrics-service's consumer group holds. */
    private String assignment() throws Exception {
        try (Admin admin = Admin.create(bench.stack.kafka().clientConfig(LocalKafka.ADMIN))) {
            var group = admin.describeConsumerGroups(List.of("metrics-service.activities")).all().get().get("metrics-service.activities");
            return group.members().stream().map(m -> Integer.toString(m.assignment().topicPartitions().size()))
                    .sorted().collect(java.util.stream.Collectors.joining(" + ")) + " (of the consumer group's " + group.members().size() + " members)";
        }
    }

    /** One of the 60% of members who are not dormant, the lower ranks far more often. */
    private UUID skewedMember() {
        return members.get((int) (members.size() * 0.6 * Math.pow(random.nextDouble(), 2)));
    }

    private long counted() throws Exception {
        try (Connection c = bench.database("metrics");
             PreparedStatement s = c.prepareStatement("select coalesce(sum(activity_count), 0) from member where network_id = ?")) {
            s.setObject(1, network);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Instant awaitCounted(long target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (counted() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + counted() + " of " + target + " activities counted after 30 minutes");
            }
            Thread.sleep(100);
        }
        return Instant.now();
    }
}
