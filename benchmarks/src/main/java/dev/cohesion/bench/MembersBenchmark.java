package dev.cohesion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * members-service's writes and lists at the design's size:
 * <ol>
 *   <li>joins: a person applies (member row) and an organiser approves (member row, member-joined and profile rows in
 *   the outbox, one transaction), from concurrent clients as fast as the service answers; then pgbench running the
 *   same inserts and updates, in the same transactions, at the same concurrency on the same database: the
 *   baseline; then joins paced at half the measured rate, with each call's latency;</li>
 *   <li>the member directory, first pages with each filter, at 100,000 members;</li>
 *   <li>its export as CSV and as JSON, with the service's resident memory while it streams.</li>
 * </ol>
 */
public final class MembersBenchmark {

    static final Map<String, String> OPTIONS = Map.of("joins", "4000", "clients", "4", "directory", "100000", "list-reads", "200");
    private static final String[] INTERESTS = {"policy", "ethics", "ai-governance", "research", "teaching", "law", "health", "climate"};

    private final Bench bench = new Bench();
    private final AtomicInteger people = new AtomicInteger();
    private ServiceProcess members;
    private String network;
    private String organiser;

    public static void main(String[] args) {
        Bench.main(args, OPTIONS, MembersBenchmark::run);
    }

    static void run(Map<String, String> o) throws Exception {
        new MembersBenchmark().run(Integer.parseInt(o.get("joins")), Integer.parseInt(o.get("clients")),
                Integer.parseInt(o.get("directory")), Integer.parseInt(o.get("list-reads")));
    }

    private void run(int joins, int clients, int directory, int listReads) throws Exception {
        members = bench.start(CohesionService.MEMBERS, Map.of());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL, Kafka and members-service on it");
        createNetwork();

        joinsAsFastAsAnswered(Math.max(1000, joins / 4), clients);
        long[] cpuBefore = Bench.cpuMillis(members);
        double rate = joinsAsFastAsAnswered(joins, clients);
        long[] cpuAfter = Bench.cpuMillis(members);
        figures.put("joins (apply + approve), " + clients + " clients, as fast as answered", String.format("%.0f joins/s (%d joins)", rate, joins));
        figures.put("CPU of the joins", Bench.cpuPer(cpuBefore, cpuAfter, joins, "join"));
        Optional<Double> baseline = pgbench(joins, clients);
        if (baseline.isPresent()) {
            figures.put("pgbench, the same statements in the same transactions, " + clients + " clients", String.format("%.0f joins/s", baseline.get()));
            figures.put("joins / pgbench", String.format("%.3f", rate / baseline.get()));
            Report.compare("joins (member and outbox rows)", rate, "pgbench", baseline.get(), "≥ 0.35");
        } else {
            figures.put("pgbench", "not found (Debian: postgresql-client): no baseline in this run");
        }
        long[][] paced = pacedJoins(rate / 2, joins / 2);
        figures.put(String.format("apply, paced at half that rate (%.0f joins/s)", rate / 2), Report.latencies(paced[0]));
        figures.put(String.format("approve, paced at half that rate (%.0f joins/s)", rate / 2), Report.latencies(paced[1]));
        Report.bar("join: apply at half the maximum rate, p99", Report.p99(paced[0]), "ms", 30);
        Report.bar("join: approve at half the maximum rate, p99", Report.p99(paced[1]), "ms", 30);

        seedDirectory(directory);
        String base = members.baseUrl() + "/api/v1/networks/" + network + "/members?limit=50";
        List<Calls.Read> reads = new ArrayList<>();
        for (String filter : List.of("", "&constituency=POLICY", "&organisation=" + URLEncoder.encode("Organisation 250", StandardCharsets.UTF_8),
                "&interest=climate", "&status=LEFT")) {
            reads.add(new Calls.Read("GET …/members?limit=50" + filter + " (" + directory + " members)", () -> base + filter, organiser));
        }
        Calls.reads(figures, listReads, reads);
        String export = members.baseUrl() + "/api/v1/networks/" + network + "/exports/directory";
        for (String accept : List.of("text/csv", "application/json")) {
            figures.put("export of the directory as " + accept + " (" + directory + " members)",
                    ExportStream.measure(members, export, organiser, accept, directory));
        }
        bench.startAndMemory(figures, members);
        bench.stopServices();
        Report.report("members-service: joins and the directory", figures);
    }

    private void createNetwork() throws Exception {
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String body = EventJson.MAPPER.writeValueAsString(Map.of("slug", slug, "name", "Benchmark network",
                "firstOrganiser", Map.of("userId", "bench-organiser", "displayName", "Olga", "email", "olga@example.org", "constituency", "ACADEMIC")));
        network = post("/api/v1/networks", bench.stack.tokens("bench-admin").admin().sign(), body, 201).path("network").path("id").asText();
        organiser = bench.stack.tokens("bench-organiser").sign();
    }

    /** {@code joins} joins from {@code clients} threads, each applying as a new person then approving; returns joins/s. */
    private double joinsAsFastAsAnswered(int joins, int clients) throws Exception {
        List<String> tokens = tokens(joins);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < joins; i = next.getAndIncrement()) {
                    join(tokens.get(i), null);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return joins / seconds;
    }

    /**
     * Joins started at a fixed rate whatever the answers (an open workload); each call's latency is counted from the
     * moment its join was due, so a slow answer delays the figures of those queued behind it too.
     */
    private long[][] pacedJoins(double perSecond, int joins) throws Exception {
        List<String> tokens = tokens(joins);
        long[] apply = new long[joins];
        long[] approve = new long[joins];
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long start = System.nanoTime() + 100_000_000;
        long interval = (long) (1e9 / perSecond);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < joins; i++) {
            int n = i;
            long due = start + n * interval;
            running.add(pool.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long[] times = join(tokens.get(n), due);
                apply[n] = times[0];
                approve[n] = times[1];
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new long[][]{apply, approve};
    }

    /** One join: the person applies, the organiser approves; returns the two calls' latencies in nanoseconds. */
    private long[] join(String personToken, Long due) throws IOException, InterruptedException {
        int n = people.incrementAndGet();
        long t0 = due != null ? due : System.nanoTime();
        String id = post("/api/v1/networks/" + network + "/applications", personToken, "{\"profile\":{\"displayName\":\"Person " + n
                + "\",\"email\":\"person-" + n + "-" + UUID.randomUUID() + "@example.org\",\"organisation\":\"Organisation " + (n % 500)
                + "\",\"constituency\":\"PRACTITIONER\",\"interests\":[\"policy\"],\"sharedWithPartners\":[\"DISPLAY_NAME\"]},"
                + "\"note\":\"I would like to take part.\"}", 201).path("id").asText();
        long t1 = System.nanoTime();
        JsonNode approved = post("/api/v1/networks/" + network + "/members/" + id + "/approval", organiser, null, 200);
        long t2 = System.nanoTime();
        if (!"ACTIVE".equals(approved.path("status").asText())) {
            throw new IllegalStateException("approved, but " + approved);
        }
        return new long[]{t1 - t0, t2 - t1};
    }

    /** One signed token per new person (signing is the identity provider's work, not the service's). */
    private List<String> tokens(int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(bench.stack.tokens("bench-person-" + UUID.randomUUID()).sign());
        }
        return tokens;
    }

    private JsonNode post(String path, String token, String json, int expected) throws IOException, InterruptedException {
        return Calls.post(members.baseUrl() + path, token, json, expected);
    }

    /**
     * pgbench, with the statements a join commits: the application's member row in one transaction; the approval's
     * member update and its two outbox rows (member-joined, the profile) in another. Returns joins/s, or empty when
     * pgbench is not installed. The service keeps running, so its relay publishes pgbench's outbox rows as it does
     * its own; pgbench's outbox rows are written as already published (the same insert, into the other partial
     * index), so that no made-up event reaches the topic.
     */
    private Optional<Double> pgbench(int joins, int clients) throws Exception {
        Optional<Path> pgbench = Stream.concat(Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "pgbench")),
                        Stream.of("18", "17", "16", "15", "14").map(v -> Path.of("/usr/lib/postgresql", v, "bin", "pgbench")))
                .filter(Files::isExecutable).findFirst();
        if (pgbench.isEmpty()) {
            return Optional.empty();
        }
        Path script = Bench.ROOT.resolve("benchmarks/target/joins.pgbench");
        Files.writeString(script, """
                \\set n random(1, 2000000000)
                begin;
                insert into member (id, network_id, user_id, user_issuer, display_name, email, organisation, constituency, interests,
                    shared_with_partners, organiser, status, application_note, version, created_at, updated_at)
                  select u, cast(:network as uuid), u::text, 'pgbench', 'Person ' || :n, u::text || '@example.org', 'Organisation ' || (:n %% 500),
                    'PRACTITIONER', '{policy}', '{DISPLAY_NAME}', false, 'APPLIED', 'I would like to take part.', 0, now(), now()
                  from gen_random_uuid() u returning id as member \\gset
                commit;
                begin;
                select * from member where network_id = cast(:network as uuid) and id = cast(:member as uuid);
                update member set status = 'ACTIVE', joined_at = now(), updated_at = now(), version = version + 1 where id = cast(:member as uuid) and version = 0;
                insert into outbox_event (event_id, topic, record_key, event_type, envelope, headers, published_at)
                  values (gen_random_uuid(), '%s', :network, 'MEMBER_JOINED', :joined, '{}', now());
                insert into outbox_event (event_id, topic, record_key, event_type, envelope, headers, published_at)
                  values (gen_random_uuid(), '%s', :member, 'MEMBER_PROFILE', :profile, '{}', now());
                commit;
                """.formatted(Topics.MEMBERS, Topics.MEMBER_PROFILES));
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/cohesion/members-service\",\"type\":"
                + "\"dev.cohesion.members.member-joined\",\"time\":\"2026-12-02T12:00:00Z\",\"subject\":\"" + UUID.randomUUID()
                + "\",\"datacontenttype\":\"application/json\",\"data\":{\"networkId\":\"" + network + "\",\"memberId\":\""
                + UUID.randomUUID() + "\",\"roles\":[\"MEMBER\"],\"route\":\"APPLICATION\",\"joinedAt\":\"2026-12-02T12:00:00Z\"}}";
        ProcessBuilder p = new ProcessBuilder(pgbench.get().toString(), "-n", "-h", "127.0.0.1", "-p", Integer.toString(bench.stack.postgresPort()),
                "-U", "members", "-M", "prepared", "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-t", Integer.toString(Math.max(1, joins / clients)), "-D", "network=" + network, "-D", "joined=" + envelope,
                "-D", "profile=" + envelope, "-f", script.toString(), "members").redirectErrorStream(true);
        p.environment().put("PGPASSWORD", "members");
        Process run = p.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (run.waitFor() != 0 || !out.contains("tps = ")) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        return Optional.of(Double.parseDouble(out.replaceAll("(?s).*tps = ([0-9.]+).*", "$1")));
    }

    /** Members up to {@code size} in the network, written by SQL: 90% active, 10% who left, organisations skewed. */
    private void seedDirectory(int size) throws Exception {
        try (Connection c = bench.database("members"); Statement s = c.createStatement()) {
            s.execute("insert into member (id, network_id, user_id, user_issuer, display_name, email, organisation, constituency, interests, "
                    + "shared_with_partners, organiser, status, joined_at, left_at, version, created_at, updated_at) "
                    + "select gen_random_uuid(), '" + network + "', 'seed-' || g, 'bench', 'Member ' || g, 'seed-' || g || '@example.org', "
                    + "'Organisation ' || floor(500 * power(random(), 2)), (array['ACADEMIC','PRACTITIONER','POLICY','OTHER'])[1 + g % 4], "
                    + "array[(array" + pgArray(INTERESTS) + ")[1 + g % 8], (array" + pgArray(INTERESTS) + ")[1 + (g / 8) % 8]], "
                    + "'{DISPLAY_NAME,ORGANISATION}', false, case when g % 10 = 0 then 'LEFT' else 'ACTIVE' end, now() - interval '300 days', "
                    + "case when g % 10 = 0 then now() - interval '10 days' end, 1, now(), now() "
                    + "from generate_series(1, greatest(0, " + size + " - (select count(*) from member where network_id = '" + network + "'))) g");
            s.execute("analyze member");
        }
    }

    private static String pgArray(String[] values) {
        return "['" + String.join("','", values) + "']";
    }
}
