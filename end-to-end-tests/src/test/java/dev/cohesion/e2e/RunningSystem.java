package dev.cohesion.e2e;

import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.keycloak.LocalKeycloak;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three packaged services (target/quarkus-app/quarkus-run.jar), each its own process, on the test JVM's real
 * PostgreSQL and Kafka: started once per test JVM, and killed or restarted by the crash drills.
 */
public final class RunningSystem {

    private static final Pattern INCOMING = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.([\\w-]+)\\.topic=");
    /**
     * Up to seven service JVMs share this machine's two cores with PostgreSQL, the broker and the tests: the client
     * compiler only and the serial collector keep each one's start from starving the others.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static RunningSystem instance;

    private final LocalStack stack = LocalStack.get();
    private final TraceCollector traces = TraceCollector.start();
    private final Path root = Path.of(System.getProperty("cohesion.home", "..")).toAbsolutePath().normalize();
    private final Map<CohesionService, Integer> ports = new EnumMap<>(CohesionService.class);
    private final Map<CohesionService, Integer> managementPorts = new EnumMap<>(CohesionService.class);
    private final Map<CohesionService, ServiceProcess> processes = new EnumMap<>(CohesionService.class);
    private final Map<CohesionService, List<ServiceProcess>> others = new EnumMap<>(CohesionService.class);
    private final Map<CohesionService, Integer> launchedOthers = new EnumMap<>(CohesionService.class);
    private IdentityProvider identity;

    private RunningSystem() {
        identity = IdentityProvider.development(stack.publicKeyFile().toUri().toString());
        for (CohesionService s : CohesionService.values()) {
            ports.put(s, FreePorts.find());
            managementPorts.put(s, FreePorts.find());
            stack.ensureDatabase(s.database());
        }
    }

    public static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
            List<CohesionService> all = List.of(CohesionService.values());
            all.forEach(instance::launch);
            all.forEach(instance::awaitReady);
            instance.stack.beforeShutdown(instance::stopAll);
        }
        return instance;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The spans the services exported (only traces that came in sampled: a test's own). */
    public TraceCollector traces() {
        return traces;
    }

    public String url(CohesionService s) {
        return "http://127.0.0.1:" + ports.get(s);
    }

    /** A new network, created by the platform administrator, with Olga (the token's subject) as first organiser. */
    public String network(String slug, String organiserSubject) {
        String admin = stack.tokens("platform-admin").admin().sign();
        return as(CohesionService.MEMBERS, admin).body(java.util.Map.of("slug", slug, "name", "Network " + slug,
                        "firstOrganiser", java.util.Map.of("userId", organiserSubject, "displayName", "Olga",
                                "email", organiserSubject + "@example.org", "constituency", "ACADEMIC")))
                .post("/api/v1/networks").then().statusCode(201).extract().path("network.id");
    }

    /** A member of a network: their member id and a token of theirs. */
    public record Member(String id, String token) {
    }

    /** Someone who applies to the network with this profile and whom the organiser approves. */
    public Member join(String base, String organiserToken, String displayName, String email, String organisation) {
        String token = stack.tokens("user-" + java.util.UUID.randomUUID()).email(email).sign();
        String id = as(CohesionService.MEMBERS, token).body(java.util.Map.of("profile", java.util.Map.of("displayName", displayName,
                        "email", email, "organisation", organisation, "constituency", "PRACTITIONER")))
                .post(base + "/applications").then().statusCode(201).extract().path("id");
        as(CohesionService.MEMBERS, organiserToken).post(base + "/members/" + id + "/approval").then().statusCode(200);
        return new Member(id, token);
    }

    /** A request to a service, as the holder of the token. */
    public RequestSpecification as(CohesionService s, String token) {
        return RestAssured.given().baseUri(url(s)).header("Authorization", "Bearer " + token).contentType("application/json");
    }

    /** The service's first instance (null while it is stopped or killed). */
    public synchronized ServiceProcess process(CohesionService s) {
        return processes.get(s);
    }

    /** Every instance of the service that was started and not stopped or killed: the first one, then the others. */
    public synchronized List<ServiceProcess> instances(CohesionService s) {
        List<ServiceProcess> all = new ArrayList<>();
        if (processes.containsKey(s)) {
            all.add(processes.get(s));
        }
        all.addAll(others.getOrDefault(s, List.of()));
        return all;
    }

    /**
     * kill -9 of one instance, and a new one launched in its place (the first on its ports, another on new ones), as
     * after a pod's restart. The caller waits for it to be ready, or not.
     */
    public synchronized ServiceProcess killAndReplace(CohesionService s, ServiceProcess p) throws InterruptedException {
        p.kill();
        if (processes.get(s) == p) {
            launch(s);
            return processes.get(s);
        }
        List<ServiceProcess> more = others.get(s);
        more.remove(p);
        ServiceProcess replacement = launch(s, FreePorts.find(), FreePorts.find(), nextName(s));
        more.add(replacement);
        return replacement;
    }

    /** How a SIGTERM went: how long the instance took to exit, whether it did within the grace, and who took its place. */
    public record Terminated(Duration took, boolean inTime, ServiceProcess replacement) {
    }

    /**
     * A terminating pod in a rolling restart: an instance started by {@link #startAnother} leaves the instances that
     * clients pick (as a Service drops a terminating pod's endpoint), gets SIGTERM, and once it exited (SIGKILL after
     * the grace) a new instance is launched in its place. The caller waits for the replacement to be ready, or not.
     */
    public Terminated terminateAndReplace(CohesionService s, ServiceProcess p, Duration grace) {
        synchronized (this) {
            if (!others.getOrDefault(s, new ArrayList<>()).remove(p)) {
                throw new IllegalArgumentException(p.name() + " was not started by startAnother");
            }
        }
        Instant signalled = Instant.now();
        boolean inTime = p.stop(grace);
        Duration took = Duration.between(signalled, Instant.now());
        synchronized (this) {
            ServiceProcess replacement = launch(s, FreePorts.find(), FreePorts.find(), nextName(s));
            others.get(s).add(replacement);
            return new Terminated(took, inTime, replacement);
        }
    }

    /** kill -9 of an instance started by {@link #startAnother}. */
    public synchronized void killAnother(CohesionService s, ServiceProcess p) throws InterruptedException {
        others.get(s).remove(p);
        p.kill();
    }

    public synchronized void start(CohesionService s) {
        launch(s);
        awaitReady(s);
    }

    /**
     * Restarts the three services trusting another identity provider, on the same databases and topics: the
     * system as a deployment with that provider would run it.
     */
    public synchronized void restartWith(IdentityProvider provider) {
        List<CohesionService> all = List.of(CohesionService.values());
        all.forEach(this::stop);
        identity = provider;
        all.forEach(this::launch);
        all.forEach(this::awaitReady);
    }

    /** The real Keycloak, started once per test JVM ({@link dev.cohesion.stack.testing.LocalStack#keycloak()}). */
    public LocalKeycloak keycloak() {
        return stack.keycloak();
    }

    /** Restarts the three services trusting {@link #keycloak()}: its issuer, its key set, its roles claim. */
    public void restartWithKeycloak() {
        restartWith(keycloak().identityProvider());
    }

    /** Back to the development issuer that the other tests mint tokens for. */
    public void restartWithDevelopmentTokens() {
        restartWith(IdentityProvider.development(stack.publicKeyFile().toUri().toString()));
    }

    /**
     * Another instance of the service, on ports of its own, with the same database, principal and consumer groups as
     * the first: once it is ready, the groups have rebalanced over both.
     */
    public synchronized ServiceProcess startAnother(CohesionService s) {
        List<ServiceProcess> more = others.computeIfAbsent(s, x -> new ArrayList<>());
        ServiceProcess p = launch(s, FreePorts.find(), FreePorts.find(), nextName(s));
        more.add(p);
        try {
            if (!p.awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException(p.name() + " did not become ready; see end-to-end-tests/target/e2e-logs");
            }
            awaitConsuming(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** Stops an instance started by {@link #startAnother} and waits until the first has its partitions back. */
    public synchronized void stopAnother(CohesionService s, ServiceProcess p) {
        others.get(s).remove(p);
        p.stop(Duration.ofSeconds(20));
        try {
            awaitConsuming(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** All of them at once: at the JVM's exit, while PostgreSQL and Kafka are still up. */
    private void stopAll() {
        List<ServiceProcess> running;
        synchronized (this) {
            running = new ArrayList<>(processes.values());
            others.values().forEach(running::addAll);
            processes.clear();
            others.clear();
        }
        running.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(20)));
    }

    /** kill -9: no shutdown hook, no last flush. */
    public synchronized void kill(CohesionService s) throws InterruptedException {
        ServiceProcess p = processes.remove(s);
        if (p != null) {
            p.kill();
        }
    }

    public synchronized void stop(CohesionService s) {
        ServiceProcess p = processes.remove(s);
        if (p != null) {
            p.stop(Duration.ofSeconds(20));
        }
    }

    /** A name (and log file) of its own for each further instance: members-service-2, -3, … */
    private String nextName(CohesionService s) {
        return s.module() + "-" + launchedOthers.merge(s, 2, (a, b) -> a + 1);
    }

    private void launch(CohesionService s) {
        processes.put(s, launch(s, ports.get(s), managementPorts.get(s), s.module()));
    }

    private ServiceProcess launch(CohesionService s, int port, int managementPort, String name) {
        Map<String, String> env = s.environment(port, managementPort, "127.0.0.1", stack.postgresPort(), s.database(),
                stack.kafka().bootstrapServers(), stack.kafka().password(s.module()),
                identity, stack.mail().smtpPort());
        env.put("COHESION_MEMBERS_SCHEDULER_INTERVAL", "500ms");
        env.put("COHESION_NORMS_SCHEDULER_INTERVAL", "500ms");
        env.put("COHESION_RATE_LIMIT_PER_SECOND", "1000");
        env.put("COHESION_RATE_LIMIT_BURST", "2000");
        env.put("COHESION_OTLP_ENDPOINT", traces.endpoint());
        env.put("COHESION_SHUTDOWN_DELAY", "2s"); // a client that picked an instance just before it was withdrawn still gets it
        env.put("COHESION_WEBHOOKS_RETRY_SCHEDULE", "1s,2s,3s,5s,10s"); // WebhookE2EIT sees retries within seconds
        try {
            return ServiceProcess.start(name, s.jar(root), port, env, new ArrayList<>(JVM_OPTIONS),
                    root.resolve("end-to-end-tests/target/e2e-logs/" + name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ready answers for the REST side; the consumers may still be joining their groups (seconds on a busy machine).
     * A test that asserts freshness starts its clock only once every consumer group of the service is stable, with
     * one member per running instance, each with partitions.
     */
    private void awaitConsuming(CohesionService s) throws InterruptedException {
        int instances = (processes.containsKey(s) ? 1 : 0) + others.getOrDefault(s, List.of()).size();
        List<String> groups = new ArrayList<>();
        try {
            Matcher m = INCOMING.matcher(Files.readString(root.resolve(s.module() + "/src/main/resources/application.properties")));
            while (m.find()) {
                groups.add(s.module() + "." + m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Admin admin = Admin.create(stack.kafka().clientConfig(LocalKafka.ADMIN))) {
            while (true) {
                try {
                    var described = admin.describeConsumerGroups(groups).all().get(5, TimeUnit.SECONDS).values();
                    if (described.stream().allMatch(g -> g.groupState() == GroupState.STABLE && g.members().size() == instances
                            && g.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty()))) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // the group does not exist yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(s.module() + " consumer groups " + groups + " did not get their partitions");
                }
                Thread.sleep(100);
            }
        }
    }

    private void awaitReady(CohesionService s) {
        try {
            if (!processes.get(s).awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException(s.module() + " did not become ready; see end-to-end-tests/target/e2e-logs");
            }
            awaitConsuming(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
