package dev.cohesion.bench;

import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the benchmarks share: the real PostgreSQL and Kafka of the local stack (in this JVM and its child process),
 * a packaged service started as its own process, Kafka's perf tools run in their own JVM as the baseline, and the
 * report (printed, and appended to benchmarks/target/report.md).
 */
final class Bench {

    static final Path ROOT = Path.of(System.getProperty("cohesion.home", ".")).toAbsolutePath().normalize();
    private static final Path REPORT = ROOT.resolve("benchmarks/target/report.md");

    /** The JVM options `./cohesion up` gives each service, so that start and memory figures are the ones users see. */
    static final List<String> SERVICE_JVM = List.of("-Xmx256m");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalStack stack = LocalStack.get();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<ServiceProcess, Long> readyMillis = new HashMap<>();

    Bench() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopServices));
    }

    /** Stops the services this benchmark started (the next benchmark of `all` starts its own). */
    void stopServices() {
        processes.forEach(p -> p.stop(Duration.ofSeconds(20)));
        processes.clear();
    }

    /** From launching the service's JVM until its readiness answered. */
    long readyMillis(ServiceProcess p) {
        return readyMillis.get(p);
    }

    /** Starts the packaged service on the stack, with a high rate limit (the benchmark is one client), and waits until ready. */
    ServiceProcess start(CohesionService service, Map<String, String> extra) throws IOException, InterruptedException {
        stack.ensureDatabase(service.database());
        int port = FreePorts.find();
        Map<String, String> env = service.environment(port, FreePorts.find(), "127.0.0.1", stack.postgresPort(), service.database(),
                stack.kafka().bootstrapServers(), stack.kafka().password(service.module()),
                IdentityProvider.development(stack.publicKeyFile().toUri().toString()));
        env.put("COHESION_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("COHESION_RATE_LIMIT_BURST", "1000000");
        env.putAll(extra);
        Path log = ROOT.resolve("benchmarks/target/" + service.module() + ".log");
        List<String> jvm = new ArrayList<>(SERVICE_JVM);
        String extraJvm = System.getProperty("bench.service-jvm-options", "");
        if (!extraJvm.isBlank()) {
            jvm.addAll(Arrays.asList(extraJvm.trim().split("\\s+")));
        }
        long launched = System.nanoTime();
        ServiceProcess p = ServiceProcess.start(service.module(), service.jar(ROOT), port, env, jvm, log);
        processes.add(p);
        if (!p.awaitReady(Duration.ofSeconds(120))) {
            throw new IllegalStateException(service.module() + " did not become ready; see " + log);
        }
        readyMillis.put(p, (System.nanoTime() - launched) / 1_000_000);
        return p;
    }

    /** The process's resident set size (VmRSS in /proc), in MB; -1 where /proc is not there. */
    static long residentMegabytes(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException notLinux) {
            // fall through
        }
        return -1;
    }

    /**
     * CPU time consumed so far by the service's processes, by PostgreSQL's processes, and by this JVM (which runs the
     * broker and the benchmark's own clients), in milliseconds: the difference over a phase shows where its work went.
     */
    static long[] cpuMillis(ServiceProcess... services) {
        long postgres = ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(Bench::cpuMillis).sum();
        long service = Arrays.stream(services).mapToLong(s -> cpuMillis(ProcessHandle.of(s.pid()).orElseThrow())).sum();
        return new long[]{service, postgres, cpuMillis(ProcessHandle.current())};
    }

    /** The CPU a phase cost per unit of work, by process, from {@link #cpuMillis} before and after it. */
    static String cpuPer(long[] before, long[] after, long units, String unit) {
        double[] micros = new double[3];
        for (int i = 0; i < 3; i++) {
            micros[i] = (after[i] - before[i]) * 1000.0 / units;
        }
        return String.format("%.0f µs per %s: service %.0f, PostgreSQL %.0f, broker and benchmark clients %.0f", micros[0] + micros[1] + micros[2],
                unit, micros[0], micros[1], micros[2]);
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(name), name, name);
    }

    /** Waits until the count the query returns reaches the target (a projection has caught up). */
    void awaitSql(String database, String countQuery, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = database(database); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(countQuery)) {
                    rs.next();
                    if (rs.getLong(1) >= target) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(countQuery + " did not reach " + target);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * A producer as an integrator would configure one (acks=all, idempotent, batching), signed in as the principal:
     * the integrators' for activities, members-service's to play its part.
     */
    KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** An event of the network on its type's topic, as the service that owns it would publish it. */
    static <T> void send(KafkaProducer<String, String> producer, UUID network, EventType<T> type, String key, T payload) {
        EventEnvelope e = EventEnvelope.of(UUID.randomUUID(), "/cohesion/benchmark", type, Instant.now(), "benchmark", network, payload);
        producer.send(new ProducerRecord<>(type.topic(), key, EventJson.MAPPER.valueToTree(e).toString()));
    }

    /** A client configuration file for Kafka's own tools, signed in as the broker's admin. */
    Path adminConfigFile() throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.putAll(stack.kafka().clientConfig(LocalKafka.ADMIN));
        Path file = ROOT.resolve("benchmarks/target/kafka-admin.properties");
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            p.store(out, "the local broker's admin, for Kafka's perf tools");
        }
        return file;
    }

    /** Runs one of Kafka's perf tools (org.apache.kafka.tools.*) in its own JVM and returns its standard output. */
    static String kafkaTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools." + tool));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed: " + out);
        }
        return out;
    }

    /** The value of a column of the last line of a perf tool's comma-separated output. */
    static double column(String csv, String name) {
        List<String> lines = csv.lines().filter(l -> l.contains(",")).toList();
        List<String> header = Arrays.stream(lines.get(0).split(",")).map(String::trim).toList();
        String[] values = lines.get(lines.size() - 1).split(",");
        return Double.parseDouble(values[header.indexOf(name)].trim());
    }

    /** p-th percentile (0..100) of latencies in nanoseconds, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    static String latencies(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)", percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /**
     * One line of the summary that {@code benchmarks/run all} prints: a figure, what it is compared with (a baseline
     * measured in the same run, or the bar the design sets), their ratio, and the goal.
     */
    record Line(String figure, String value, String baseline, String ratio, String goal) {
    }

    private static final List<Line> SUMMARY = new ArrayList<>();

    /** A rate against a baseline measured in the same run; the goal is a ratio ("—" where the design sets none). */
    static void compare(String figure, double value, String baselineName, double baseline, String goal) {
        SUMMARY.add(new Line(figure, String.format("%.0f/s", value), String.format("%s %.0f/s", baselineName, baseline),
                String.format("%.3f", value / baseline), goal));
    }

    /** A measure against the bar the design sets for it (lower is better): the ratio is measure / bar. */
    static void bar(String figure, double value, String unit, double bar) {
        SUMMARY.add(new Line(figure, String.format("%.1f %s", value, unit), String.format("bar %.0f %s", bar, unit),
                String.format("%.2f", value / bar), "≤ 1"));
    }

    /** Prints the summary of every benchmark run in this JVM and appends it to benchmarks/target/report.md. */
    static void summary(String title) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| figure | value | compared with | ratio | goal |\n|---|---|---|---|---|\n");
        SUMMARY.forEach(l -> md.append("| ").append(String.join(" | ", l.figure(), l.value(), l.baseline(), l.ratio(), l.goal())).append(" |\n"));
        append(md.toString());
    }

    /** Sequential GETs after as many warm-up calls; returns each call's latency in nanoseconds. */
    static long[] time(int calls, Supplier<String> url, String token) throws IOException, InterruptedException {
        long[] nanos = new long[calls];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url.get())).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url.get() + " answered " + r.statusCode() + ": " + r.body());
                }
            }
        }
        return nanos;
    }

    /** A POST with a JSON body (or none), which must answer {@code expected}; returns the answer's body. */
    static JsonNode post(String url, String token, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        request = json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }

    /** A dashboard read: what it calls, with whose token. */
    record Read(String call, Supplier<String> url, String token) {
    }

    /**
     * Dashboard reads: every one called first (so that the compiler has seen them all, as in a service that has run
     * for a while), then each timed; latencies in the benchmark's table, each p99 against the 20 ms bar in the summary.
     */
    static void reads(Map<String, String> figures, int calls, List<Read> reads) throws IOException, InterruptedException {
        for (Read r : reads) {
            time(calls, r.url(), r.token());
        }
        for (Read r : reads) {
            long[] nanos = time(calls, r.url(), r.token());
            figures.put("read: " + r.call(), latencies(nanos));
            bar(r.call() + ", p99", p99(nanos), "ms", 20);
        }
    }

    /** A service's start (launched to ready, against the 3 s bar) and resident memory (against 300 MB) in both tables. */
    void startAndMemory(Map<String, String> figures, ServiceProcess p) {
        double ready = readyMillis(p) / 1000.0;
        long resident = residentMegabytes(p.pid());
        figures.put(p.name() + " launched to ready (PostgreSQL and Kafka up)", String.format("%.1f s", ready));
        figures.put(p.name() + " resident memory after the run (" + String.join(" ", SERVICE_JVM) + ")", resident + " MB");
        bar(p.name() + " launched to ready", ready, "s", 3);
        bar(p.name() + " resident memory after the run", resident, "MB", 300);
    }

    static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 99);
    }

    static void say(String line) {
        System.out.println("bench: " + line);
    }

    /** Prints the report and appends it to benchmarks/target/report.md. */
    static void report(String title, Map<String, String> figures) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        append(md.toString());
    }

    private static void append(String md) {
        System.out.println(md);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a benchmark's main and exits (the broker's threads would keep the JVM alive), with status 1 if it failed. */
    static void exitAfter(java.util.concurrent.Callable<?> benchmark) {
        int status = 0;
        try {
            benchmark.call();
        } catch (Throwable failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static Map<String, String> args(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new java.util.LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + defaults);
            }
            values.put(key, args[i + 1]);
        }
        return values;
    }
}
