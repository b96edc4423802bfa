package dev.cohesion.bench;

import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

/**
 * What the benchmarks share: the real PostgreSQL and Kafka of the local stack (in this JVM and its child process),
 * a packaged service started as its own process (its CPU, start and memory), Kafka's perf tools run in their own JVM
 * as the baseline, and each benchmark's main. What they report is in {@link Report}, their calls to the API in
 * {@link Calls}.
 */
final class Bench {

    static final Path ROOT = Path.of(System.getProperty("cohesion.home", ".")).toAbsolutePath().normalize();

    /**
     * The JVM options `./cohesion up` gives each service, so that start and memory figures are the ones users see; and a
     * heap dump in benchmarks/target when a service runs out of heap (it then exits).
     */
    static final List<String> SERVICE_JVM = Stream.concat(ServiceProcess.JVM_OPTIONS.stream(),
            Stream.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + ROOT.resolve("benchmarks/target"))).toList();

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
                IdentityProvider.development(stack.publicKeyFile().toUri().toString()), stack.mail().smtpPort());
        env.put("COHESION_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("COHESION_RATE_LIMIT_BURST", "1000000");
        env.putAll(extra);
        // e.g. -Dbench.service-env=MALLOC_ARENA_MAX=2: environment variables to try on the service's process
        for (String pair : System.getProperty("bench.service-env", "").trim().split("\\s+")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
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
                    throw new IllegalStateException(countQuery + " did not reach " + target + "; the database's sessions then: "
                            + sessions(s, database));
                }
                Thread.sleep(200);
            }
        }
    }

    /** What each session of the database is doing: whether a stuck consumer waits on PostgreSQL or PostgreSQL on it. */
    private static String sessions(Statement s, String database) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("select pid, state, wait_event_type, wait_event, now() - xact_start, left(query, 160) "
                + "from pg_stat_activity where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            while (rs.next()) {
                out.append("\n  pid ").append(rs.getInt(1)).append(", ").append(rs.getString(2)).append(", waits ")
                        .append(rs.getString(3)).append('/').append(rs.getString(4)).append(", transaction for ")
                        .append(rs.getString(5)).append(": ").append(rs.getString(6));
            }
        }
        return out.toString();
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

    /** A service's start (launched to ready, against the 3 s bar) and resident memory (against 300 MB) in both tables. */
    void startAndMemory(Map<String, String> figures, ServiceProcess p) {
        double ready = readyMillis(p) / 1000.0;
        long resident = residentMegabytes(p.pid());
        figures.put(p.name() + " launched to ready (PostgreSQL and Kafka up)", String.format("%.1f s", ready));
        figures.put(p.name() + " resident memory after the run (" + String.join(" ", SERVICE_JVM) + ")", resident + " MB");
        Report.bar(p.name() + " launched to ready", ready, "s", 3);
        Report.bar(p.name() + " resident memory after the run", resident, "MB", 300);
    }

    /** A benchmark, given its options. */
    interface Benchmark {
        void run(Map<String, String> options) throws Exception;
    }

    /**
     * A benchmark's main: its options from the command line (defaults for those not given), then exits (the broker's
     * threads would keep the JVM alive), with status 1 and the failure logged if it failed.
     */
    static void main(String[] args, Map<String, String> defaults, Benchmark benchmark) {
        int status = 0;
        try {
            benchmark.run(args(args, defaults));
        } catch (Throwable failed) {
            System.getLogger("benchmarks").log(System.Logger.Level.ERROR, "the benchmark failed", failed);
            status = 1;
        }
        System.exit(status);
    }

    private static Map<String, String> args(String[] args, Map<String, String> defaults) {
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
