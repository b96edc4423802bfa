package dev.cohesion.bench;

import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks share: the real PostgreSQL and Kafka of the local stack (in this JVM and its child process),
 * a packaged service started as its own process, Kafka's perf tools run in their own JVM as the baseline, and the
 * report (printed, and appended to benchmarks/target/report.md).
 */
final class Bench {

    static final Path ROOT = Path.of(System.getProperty("cohesion.home", ".")).toAbsolutePath().normalize();
    private static final Path REPORT = ROOT.resolve("benchmarks/target/report.md");

    final LocalStack stack = LocalStack.get();
    private final List<ServiceProcess> processes = new ArrayList<>();

    Bench() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(p -> p.stop(Duration.ofSeconds(20)))));
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
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        String extraJvm = System.getProperty("bench.service-jvm-options", "");
        if (!extraJvm.isBlank()) {
            jvm.addAll(Arrays.asList(extraJvm.trim().split("\\s+")));
        }
        ServiceProcess p = ServiceProcess.start(service.module(), service.jar(ROOT), port, env, jvm, log);
        processes.add(p);
        if (!p.awaitReady(Duration.ofSeconds(120))) {
            throw new IllegalStateException(service.module() + " did not become ready; see " + log);
        }
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

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(name), name, name);
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

    /** Runs one of Kafka's perf tools (org.apache.kafka.tools.*) in its own JVM and returns its standard output. */
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

    static void say(String line) {
        System.out.println("bench: " + line);
    }

    /** Prints the report and appends it to benchmarks/target/report.md. */
    static void report(String title, Map<String, String> figures) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        System.out.println(md);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
