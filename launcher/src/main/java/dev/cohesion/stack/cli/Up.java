package dev.cohesion.stack.cli;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.demo.DemoIdentities;
import dev.cohesion.stack.demo.DemoNetwork;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.keycloak.LocalKeycloak;
import dev.cohesion.stack.mail.LocalMail;
import dev.cohesion.stack.keycloak.RealmSecrets;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./cohesion up}: a real PostgreSQL (embedded, or the server given by {@code --postgres-url}), a real
 * single-node Kafka broker, the three services and, with {@code --oidc}, a real Keycloak as their identity
 * provider, until Ctrl-C or SIGTERM, which stop everything. With {@code --instances N} each service runs N times, as
 * on Kubernetes: one database and one consumer group per service ({@link InstancePlan}).
 */
final class Up {

    /**
     * Three JVMs, the broker and PostgreSQL starting together on two busy cores took up to 57 s to start one service
     * (CI run beside another CPU-heavy process): the wait is sized so that only a service that cannot start fails.
     */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** A first start of a fresh distribution includes Keycloak's own build step: about 40 s here, more when busy. */
    private static final Duration KEYCLOAK_TIMEOUT = Duration.ofMinutes(4);

    private final Path root;
    private final Options options;
    private final Path dataDir;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Map<CohesionService, List<ServiceProcess>> instances = new EnumMap<>(CohesionService.class);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private volatile LocalKeycloak keycloak;
    private LocalMail mail;

    Up(Path root, Options options) {
        this.root = root;
        this.options = options;
        this.dataDir = root.resolve(options.value("data-dir", ".cohesion")).toAbsolutePath().normalize();
        // PostgreSQL's and Kafka's own logs go to a file, not the terminal (set before either logs anything).
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs").resolve("stack.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    int run() {
        InstancePlan plan = InstancePlan.of(options);
        String externalPostgres = options.value("postgres-url", null);
        int postgresPort = options.port("postgres-port", 5432);
        int kafkaPort = options.port("kafka-port", 9092);
        int controllerPort = options.port("kafka-controller-port", kafkaPort + 1);
        int keycloakPort = options.port("keycloak-port", 8180);
        int mailPort = options.port("mail-port", 2525);

        try (FileLock lock = lockDataDir()) {
            if (lock == null) {
                System.err.println("Cohesion is already running from " + dataDir
                        + " (see " + dataDir.resolve("up.pid") + "). Stop it with Ctrl-C where it runs,"
                        + " or use another --data-dir.");
                return 1;
            }
            Files.writeString(dataDir.resolve("up.pid"), ProcessHandle.current().pid() + "\n");
            Map<Integer, String> wanted = new LinkedHashMap<>();
            for (CohesionService service : CohesionService.values()) {
                for (int k = 0; k < plan.count(service); k++) {
                    String name = InstancePlan.name(service, k);
                    claim(wanted, plan.port(service, k), name + " (" + plan.portOption(service, k) + ")");
                    claim(wanted, plan.port(service, k) + 1000, name + "'s management interface (" + plan.portOption(service, k) + " + 1000)");
                }
            }
            if (externalPostgres == null) {
                stopOrphanedPostgres();
                claim(wanted, postgresPort, "PostgreSQL (--postgres-port)");
            }
            claim(wanted, kafkaPort, "Kafka (--kafka-port)");
            claim(wanted, controllerPort, "the Kafka controller (--kafka-controller-port)");
            claim(wanted, mailPort, "the SMTP server (--mail-port)");
            claim(wanted, mailPort + 1, "the mail server's IMAP (--mail-port + 1)");
            if (options.flag("oidc")) {
                claim(wanted, keycloakPort, "Keycloak (--keycloak-port)");
            }
            for (Map.Entry<Integer, String> e : wanted.entrySet()) {
                if (!FreePorts.isFree(e.getKey())) {
                    System.err.println("Port " + e.getKey() + " is already in use, so " + e.getValue()
                            + " cannot start. Free it or choose another port with the option in brackets.");
                    return 1;
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "cohesion-stop"));
            return startAll(plan, externalPostgres, postgresPort, kafkaPort, controllerPort, keycloakPort, mailPort);
        } catch (IOException | SQLException | IllegalStateException e) {
            System.err.println("cohesion up failed: " + e.getMessage());
            stopAll();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int startAll(InstancePlan plan, String externalPostgres, int postgresPort,
                         int kafkaPort, int controllerPort, int keycloakPort, int mailPort)
            throws IOException, SQLException, InterruptedException {
        Path logs = dataDir.resolve("logs");
        // Keycloak takes the longest: it starts beside PostgreSQL and Kafka
        CompletableFuture<LocalKeycloak> oidc = options.flag("oidc") ? startKeycloak(keycloakPort) : null;
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
        say("Starting the mail server (GreenMail) on 127.0.0.1:" + mailPort + ": members-service e-mails notices to it");
        mail = LocalMail.start(mailPort, mailPort + 1);

        IdentityProvider identity;
        if (oidc != null) {
            try {
                keycloak = oidc.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            identity = keycloak.identityProvider();
        } else {
            DevKeys.loadOrCreate(dataDir.resolve("keys"));
            identity = IdentityProvider.development(DevKeys.publicKeyFile(dataDir.resolve("keys")).toUri().toString());
        }
        // one instance of each service at a time: on two cores, nine JVMs starting together would each take minutes
        for (int k = 0; k < plan.waves(); k++) {
            List<ServiceProcess> wave = new java.util.ArrayList<>();
            for (CohesionService s : CohesionService.values()) {
                if (k >= plan.count(s)) {
                    continue;
                }
                int port = plan.port(s, k);
                Map<String, String> env = new LinkedHashMap<>(s.environment(port, port + 1000, dbHost, dbPort, s.database(),
                        kafka.bootstrapServers(), kafka.password(s.module()), identity, mailPort));
                env.put("COHESION_DB_POOL_SIZE", Integer.toString(plan.poolSize()));
                String name = InstancePlan.name(s, k);
                Path log = logs.resolve(name + ".log");
                say("Starting " + name + " on port " + port + " (log: " + root.relativize(log) + ")");
                ServiceProcess p = ServiceProcess.start(name, s.jar(root), port, env, ServiceProcess.JVM_OPTIONS, log);
                wave.add(p);
                services.add(p);
                instances.computeIfAbsent(s, x -> new CopyOnWriteArrayList<>()).add(p);
            }
            for (ServiceProcess p : wave) {
                if (!p.awaitReady(READY_TIMEOUT)) {
                    System.err.println(p.name() + " did not become ready within " + READY_TIMEOUT.toSeconds()
                            + " s. Last lines of " + p.logFile() + ":");
                    tail(p.logFile(), 30).forEach(line -> System.err.println("  " + line));
                    return 1;
                }
            }
        }
        printTable(postgresPort, externalPostgres != null);
        if (keycloak != null) {
            printSignIn();
        }
        if (options.flag("demo")) {
            demo();
        }
        watchServices();
        stopped.await();
        return 0;
    }

    private CompletableFuture<LocalKeycloak> startKeycloak(int port) {
        Path dist = LocalKeycloak.distribution(root);
        say("Starting Keycloak on 127.0.0.1:" + port + " (data in " + dataDir.resolve("keycloak") + "; the first start takes a minute)");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LocalKeycloak.start(dist, dataDir.resolve("keycloak"), port, KEYCLOAK_TIMEOUT);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    private void printSignIn() {
        RealmSecrets secrets = keycloak.secrets();
        String credentials = root.relativize(dataDir.resolve("keycloak/credentials")).toString();
        System.out.println("Keycloak is the identity provider: " + keycloak.issuer()
                + "\n  users (password grant on client cohesion-tests, or sign in through cohesion-web with PKCE):"
                + "\n    olga, omar (organisers in the demo), maria, peter (members in the demo), admin (platform admin)"
                + "\n    their passwords: " + credentials + "/cohesion_kc_password_<user>.password"
                + "\n  partner client partner-ethics-forum (client credentials), secret in "
                + credentials + "/cohesion_kc_secret_partner_ethics_forum.password"
                + "\n  admin console: " + keycloak.adminConsole() + " as admin / " + secrets.adminPassword()
                + "\n  a token: ./cohesion token --oidc --user maria   (or --partner partner-ethics-forum, --admin)\n");
    }

    private void demo() throws IOException {
        say("seeding the demo network through the public APIs...");
        DemoIdentities identities = keycloak != null ? DemoIdentities.keycloak(keycloak)
                : DemoIdentities.development(DevKeys.loadOrCreate(dataDir.resolve("keys")));
        String members = first(CohesionService.MEMBERS);
        String norms = first(CohesionService.NORMS);
        String metrics = first(CohesionService.METRICS);
        var seeded = new DemoNetwork(identities, members, norms, metrics).seed();
        String base = "/api/v1/networks/" + seeded.networkId();
        String again = keycloak != null ? "./cohesion token --oidc --user olga" : "./cohesion token --subject olga";
        System.out.println("\nThe demo network " + (seeded.alreadySeeded() ? "was already seeded" : "is seeded") + ": "
                + seeded.networkId() + "\n\nIts first organiser's token (" + (keycloak != null ? "5 min" : "12 h") + "):\n  export TOKEN="
                + seeded.organiserToken() + "\n  (again: " + again + ")"
                + "\n\nTry:\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + metrics + base + "/health"
                + "\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + metrics + base + "/recommendations"
                + "\n  curl -s -H \"Authorization: Bearer $TOKEN\" " + members + base + "/alignment\n");
    }

    /** The base URL of the service's first instance. */
    private String first(CohesionService service) {
        return instances.get(service).get(0).baseUrl();
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
        table.append(String.format("%-16s %-33s %-38s %s%n", "service", "API base", "Swagger UI (management port)", "health"));
        for (ServiceProcess p : services) {
            table.append(String.format("%-16s %-33s %-38s %s%n", p.name(), p.baseUrl() + "/api/v1",
                    p.managementUrl() + "/q/swagger-ui", p.managementUrl() + "/q/health"));
        }
        table.append('\n');
        if (!externalPostgres) {
            table.append(String.format("%-16s 127.0.0.1:%d  databases members, norms, metrics%n", "PostgreSQL", postgresPort));
        }
        table.append(String.format("%-16s %s  SASL SCRAM-SHA-512; principals' passwords in %s%n", "Kafka", kafka.bootstrapServers(),
                root.relativize(dataDir.resolve("kafka/credentials"))));
        table.append(String.format("%-16s SMTP 127.0.0.1:%d; read it over IMAP at 127.0.0.1:%d (login and password: the recipient's address)%n",
                "mail", mail.smtpPort(), mail.imapPort()));
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
                if (keycloak != null) {
                    keycloak.close();
                }
                if (mail != null) {
                    mail.close();
                }
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
