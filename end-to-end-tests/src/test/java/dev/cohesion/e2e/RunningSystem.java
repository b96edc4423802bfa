package dev.cohesion.e2e;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.FreePorts;
import dev.cohesion.stack.process.ServiceProcess;
import dev.cohesion.stack.testing.LocalStack;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The three packaged services (target/quarkus-app/quarkus-run.jar), each its own process, on the test JVM's real
 * PostgreSQL and Kafka: started once per test JVM, and killed or restarted by the crash drills.
 */
public final class RunningSystem {

    private static RunningSystem instance;

    private final LocalStack stack = LocalStack.get();
    private final Path root = Path.of(System.getProperty("cohesion.home", "..")).toAbsolutePath().normalize();
    private final Map<CohesionService, Integer> ports = new EnumMap<>(CohesionService.class);
    private final Map<CohesionService, ServiceProcess> processes = new EnumMap<>(CohesionService.class);

    private RunningSystem() {
        for (CohesionService s : CohesionService.values()) {
            ports.put(s, FreePorts.find());
            stack.ensureDatabase(s.database());
        }
    }

    public static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
            List<CohesionService> all = List.of(CohesionService.values());
            all.forEach(instance::launch);
            all.forEach(instance::awaitReady);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(s -> instance.stop(s)), "stop-services"));
        }
        return instance;
    }

    public LocalStack stack() {
        return stack;
    }

    public String url(CohesionService s) {
        return "http://127.0.0.1:" + ports.get(s);
    }

    /** A request to a service, as the holder of the token. */
    public RequestSpecification as(CohesionService s, String token) {
        return RestAssured.given().baseUri(url(s)).header("Authorization", "Bearer " + token).contentType("application/json");
    }

    public synchronized void start(CohesionService s) {
        launch(s);
        awaitReady(s);
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

    private void launch(CohesionService s) {
        Map<String, String> env = s.environment(ports.get(s), "127.0.0.1", stack.postgresPort(), s.database(),
                stack.kafka().bootstrapServers(), stack.publicKeyFile().toUri().toString(), DevKeys.ISSUER);
        env.put("COHESION_MEMBERS_SCHEDULER_INTERVAL", "500ms");
        env.put("COHESION_NORMS_SCHEDULER_INTERVAL", "500ms");
        env.put("COHESION_RATE_LIMIT_PER_SECOND", "1000");
        env.put("COHESION_RATE_LIMIT_BURST", "2000");
        try {
            processes.put(s, ServiceProcess.start(s.module(), s.jar(root), ports.get(s), env, new ArrayList<>(List.of("-Xmx256m")),
                    root.resolve("end-to-end-tests/target/e2e-logs/" + s.module() + ".log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(CohesionService s) {
        try {
            if (!processes.get(s).awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException(s.module() + " did not become ready; see end-to-end-tests/target/e2e-logs");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
