package dev.cohesion.stack.cli;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.postgres.LocalPostgres;
import dev.cohesion.stack.postgres.ServiceDatabases;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./cohesion up}: a real PostgreSQL (embedded, or the server given by {@code --postgres-url}), a real
 * single-node Kafka broker, and the three services, until Ctrl-C or SIGTERM, which stop everything.
 */
final class Up {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Options options;
    private final Path dataDir;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private LocalPostgres postgres;
    private LocalKafka kafka;

    Up(Path root, Options options) {
        this.root = root;
        this.options = options;
        this.dataDir = root.resolve(options.value("data-dir", ".cohesion")).toAbsolutePath().normalize();
        // PostgreSQL's and Kafka's own logs go to a file, not the terminal (set before either logs anything).
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs").resolve("stack.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    int run() {
        Map<CohesionService, Integer> ports = new EnumMap<>(CohesionService.class);
        for (CohesionService s : CohesionService.values()) {
            ports.put(s, options.port(s.name().toLowerCase() + "-port", s.defaultPort()));
        }
        String externalPostgres = options.value("postgres-url", null);
        int postgresPort = options.port("postgres-port", 5432);
        int kafkaPort = options.port("kafka-port", 9092);
        int controllerPort = options.port("kafka-controller-port", kafkaPort + 1);

        try (FileLock lock = lockDataDir()) {
            if (lock == null) {
                System.err.println("Cohesion is already running from " + dataDir
                        + " (see " + dataDir.resolve("up.pid") + "). Stop it with Ctrl-C where it runs,"
                        + " or use another --data-dir.");
                return 1;
            }
            Files.writeString(dataDir.resolve("up.pid"), ProcessHandle.current().pid() + "\n");
            Map<Integer, String> wanted = new LinkedHashMap<>();
            ports.forEach((service, port) -> claim(wanted, port, service.module() + " (--" + service.name().toLowerCase() + "-port)"));
            if (externalPostgres == null) {
                stopOrphanedPostgres();
                claim(wanted, postgresPort, "PostgreSQL (--postgres-port)");
            }
            claim(wanted, kafkaPort, "Kafka (--kafka-port)");
            claim(wanted, controllerPort, "the Kafka controller (--kafka-controller-port)");
            for (Map.Entry<Integer, String> e : wanted.entrySet()) {
                if (!FreePorts.isFree(e.getKey())) {
                    System.err.println("Port " + e.getKey() + " is already in use, so " + e.getValue()
                            + " cannot start. Free it or choose another port with the option in brackets.");
                    return 1;
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "cohesion-stop"));
            return startAll(ports, externalPostgres, postgresPort, kafkaPort, controllerPort);
        } catch (IOException | SQLException e) {
            System.err.println("cohesion up failed: " + e.getMessage());
            stopAll();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int startAll(Map<CohesionService, Integer> ports, String externalPostgres, int postgresPort,
                         int kafkaPort, int controllerPort) throws IOException, SQLException, InterruptedException {
        Path logs = dataDir.resolve("logs");
        say("PostgreSQL and Kafka log to " + root.relativize(logs.resolve("stack.log")));
        String dbHost;
        int dbPort;
        if (externalPostgres == null) {
            say("Starting PostgreSQL on 127.0.0.1:" + postgresPort + " (data in " + dataDir.resolve("postgres") + ")");
            postgres = LocalPostgres.start(dataDir.resolve("postgres"), postgresPort);
            for (CohesionService s : CohesionService.values()) {
                postgres.ensureDatabase(s.database(), s.database(), s.database());
            }
            dbHost = "127.0.0.1";
            dbPort = postgresPort;
        } else {
            ExternalPostgres external = ExternalPostgres.parse(externalPostgres);
            say("Using PostgreSQL at " + external.host() + ":" + external.port());
            for (CohesionService s : CohesionService.values()) {
                ServiceDatabases.ensure(() -> DriverManager.getConnection(external.jdbcUrl(), external.user(), external.password()),
                        s.database(), s.database(), s.database());
            }
            dbHost = external.host();
            dbPort = external.port();
        }
        say("Starting Kafka on 127.0.0.1:" + kafkaPort + " (data in " + dataDir.resolve("kafka") + ")");
        kafka = LocalKafka.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);

        DevKeys.loadOrCreate(dataDir.resolve("keys"));
        String publicKey = DevKeys.publicKeyFile(dataDir.resolve("keys")).toUri().toString();
        for (CohesionService s : CohesionService.values()) {
            int port = ports.get(s);
            Map<String, String> env = s.environment(port, dbHost, dbPort, s.database(), kafka.bootstrapServers(),
                    publicKey, DevKeys.ISSUER);
            Path log = logs.resolve(s.module() + ".log");
            say("Starting " + s.module() + " on port " + port + " (log: " + root.relativize(log) + ")");
            services.add(ServiceProcess.start(s.module(), s.jar(root), port, env, List.of("-Xmx256m"), log));
        }
        for (ServiceProcess p : services) {
            if (!p.awaitReady(READY_TIMEOUT)) {
                System.err.println(p.name() + " did not become ready within " + READY_TIMEOUT.toSeconds()
                        + " s. Last lines of " + p.logFile() + ":");
                tail(p.logFile(), 30).forEach(line -> System.err.println("  " + line));
                return 1;
            }
        }
        printTable(postgresPort, externalPostgres != null);
        if (options.flag("demo")) {
            demo();
        }
        watchServices();
        stopped.await();
        return 0;
    }

    private void demo() throws IOException {
        say("seeding the demo network through the public APIs...");
        var seeded = new dev.cohesion.stack.demo.DemoNetwork(DevKeys.loadOrCreate(dataDir.resolve("keys")),
                services.get(0).baseUrl(), services.get(1).baseUrl(), services.get(2).baseUrl()).seed();
        String base = "/api/v1/networks/" + seeded.networkId();
        System.out.println("\nThe demo network " + (seeded.alreadySeeded() ? "was already seeded" : "is seeded") + ": "
                + seeded.networkId() + "\n\nIts first organiser's token (12 h):\n  export TOKEN=" + seeded.organiserToken()
                + "\n  (again: ./cohesion token --network " + seeded.networkId() + " --role organiser --member " + seeded.organiserId() + ")"
                + "\n\nTry:\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + services.get(2).baseUrl() + base + "/health"
                + "\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + services.get(2).baseUrl() + base + "/recommendations"
                + "\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + services.get(0).baseUrl() + base + "/alignment\n");
    }

    private void watchServices() {
        Thread watcher = new Thread(() -> {
            while (!stopping) {
                for (ServiceProcess p : services) {
                    if (!p.alive() && !stopping) {
                        System.err.println(p.name() + " stopped unexpectedly; see " + p.logFile());
                        services.remove(p);
                        break;
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cohesion-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void printTable(int postgresPort, boolean externalPostgres) {
        StringBuilder table = new StringBuilder("\nCohesion is up.\n\n");
        table.append(String.format("%-16s %-33s %-38s %s%n", "service", "API base", "Swagger UI", "health"));
        for (ServiceProcess p : services) {
            table.append(String.format("%-16s %-33s %-38s %s%n", p.name(), p.baseUrl() + "/api/v1",
                    p.baseUrl() + "/q/swagger-ui", p.baseUrl() + "/q/health"));
        }
        table.append('\n');
        if (!externalPostgres) {
            table.append(String.format("%-16s 127.0.0.1:%d  databases members, norms, metrics%n", "PostgreSQL", postgresPort));
        }
        table.append(String.format("%-16s %s%n", "Kafka", kafka.bootstrapServers()));
        table.append(String.format("%-16s %s%n", "logs", root.relativize(dataDir.resolve("logs"))));
        table.append("\nA token for calls: ./cohesion token --admin   (see ./cohesion help)\nCtrl-C stops everything.\n");
        System.out.println(table);
    }

    private synchronized void stopAll() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopping = true;
        say("Stopping Cohesion...");
        try {
            services.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(20)));
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                if (postgres != null) {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                    }
                }
                stopped.countDown();
            }
        }
        say("Stopped.");
    }

    private static void claim(Map<Integer, String> wanted, int port, String who) {
        String other = wanted.putIfAbsent(port, who);
        if (other != null) {
            throw new UsageException(who + " and " + other + " were both given port " + port);
        }
    }

    private FileLock lockDataDir() throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        FileChannel channel = FileChannel.open(dataDir.resolve("up.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
        }
        return lock;
    }

    /** A PostgreSQL left running by an `up` that was killed with SIGKILL holds the data directory: stop it. */
    private void stopOrphanedPostgres() throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (first.matches("\\d+")) {
            var handle = ProcessHandle.of(Long.parseLong(first));
            if (handle.isPresent() && handle.get().isAlive()) {
                say("Stopping the PostgreSQL left running by an earlier run (pid " + first + ")");
                handle.get().destroy();
                try {
                    handle.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IOException("the PostgreSQL left running (pid " + first + ") did not stop; stop it by hand", e);
                }
            }
        }
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private static void say(String line) {
        System.out.println("cohesion: " + line);
    }
}
