package dev.cohesion.e2e;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.process.FreePorts;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code ./cohesion up} as a newcomer runs it (the launcher's own JVM, as the script starts it): the three services
 * become ready on real PostgreSQL and Kafka; a second {@code up} on the same data is refused with a message;
 * SIGTERM leaves no process behind; the next {@code up}, with two metrics-service instances, finds the data again
 * on both.
 */
class LauncherE2EIT {

    private static final Path ROOT = Path.of(System.getProperty("cohesion.home", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int members = FreePorts.find();
    private final int norms = FreePorts.find();
    private final int metrics = FreePorts.find();
    private final int postgres = FreePorts.find();
    private final int kafka = FreePorts.find();
    private final int controller = FreePorts.find();

    @TempDir
    Path dataDir;

    @Test
    void up_starts_everything_refuses_a_second_up_stops_everything_on_sigterm_and_finds_its_data_again() throws Exception {
        Process first = up("first");
        awaitReady(first, "first");

        Process second = up("second");
        assertThat(second.waitFor(60, TimeUnit.SECONDS), equalTo(true));
        assertThat(second.exitValue(), equalTo(1));
        assertThat(Files.readString(dataDir.resolve("second.out")), containsString("Cohesion is already running from"));

        DevKeys keys = DevKeys.loadOrCreate(dataDir.resolve("keys"));
        String admin = Tokens.forSubject(keys, "platform-admin").admin().sign();
        String slug = "launcher-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = RestAssured.given().baseUri("http://127.0.0.1:" + members).header("Authorization", "Bearer " + admin)
                .contentType("application/json").body(Map.of("slug", slug, "name", "Launcher check", "firstOrganiser",
                        Map.of("userId", "user-launcher", "displayName", "Lou", "email", "lou@example.org",
                                "organisation", "Org", "constituency", "ACADEMIC")))
                .post("/api/v1/networks").then().statusCode(201).extract().jsonPath();
        String network = created.getString("network.id");
        String organiser = Tokens.forSubject(keys, "user-launcher").sign();

        stopAndAssertNothingLeft(first, "first");

        Process third = up("third", "--metrics-instances", "2");
        awaitReady(third, "third", metrics + 100 + 1000);
        assertThat(Files.readString(dataDir.resolve("third.out")), containsString("metrics-service-2"));
        RestAssured.given().baseUri("http://127.0.0.1:" + members).header("Authorization", "Bearer " + organiser)
                .get("/api/v1/networks/" + network).then().statusCode(200)
                .body("id", equalTo(network)).body("slug", equalTo(slug));
        for (int port : List.of(metrics, metrics + 100)) {
            await("the network on metrics-service instance at " + port).atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    RestAssured.given().baseUri("http://127.0.0.1:" + port).header("Authorization", "Bearer " + organiser)
                            .get("/api/v1/networks/" + network + "/health").then().statusCode(200).body("networkId", equalTo(network)));
        }
        stopAndAssertNothingLeft(third, "third", 4);
    }

    /** The command {@code ./cohesion up} execs, on free ports and a throw-away data directory. */
    private Process up(String name, String... more) throws Exception {
        String classPath = ROOT.resolve("launcher/target/launcher.jar") + File.pathSeparator + ROOT.resolve("launcher/target/lib/*");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Dcohesion.home=" + ROOT,
                "-cp", classPath, "dev.cohesion.stack.cli.Cohesion", "up", "--data-dir", dataDir.toString(),
                "--members-port", Integer.toString(members), "--norms-port", Integer.toString(norms),
                "--metrics-port", Integer.toString(metrics), "--postgres-port", Integer.toString(postgres),
                "--kafka-port", Integer.toString(kafka), "--kafka-controller-port", Integer.toString(controller)));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".out").toFile()).start();
    }

    private void awaitReady(Process up, String name, int... moreManagementPorts) {
        await(name + " up: the three services ready (output in " + dataDir.resolve(name + ".out") + ")")
                .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!up.isAlive()) {
                        throw new AssertionError("up exited with " + up.exitValue() + ":\n" + Files.readString(dataDir.resolve(name + ".out")));
                    }
                    // the launcher says so once it has seen them ready itself, a moment after the services are
                    return Files.readString(dataDir.resolve(name + ".out")).contains("Cohesion is up.")
                            && ready(members + 1000) && ready(norms + 1000) && ready(metrics + 1000)
                            && java.util.Arrays.stream(moreManagementPorts).allMatch(LauncherE2EIT::ready);
                });
    }

    /** SIGTERM, as Ctrl-C's sibling: up exits, and neither its children nor its PostgreSQL survive it. */
    private void stopAndAssertNothingLeft(Process up, String name) throws Exception {
        stopAndAssertNothingLeft(up, name, 3);
    }

    private void stopAndAssertNothingLeft(Process up, String name, long instances) throws Exception {
        List<ProcessHandle> children = up.descendants().toList();
        assertThat("up started the services' instances", children.stream().filter(p -> commandLine(p).contains("quarkus-run.jar")).count(),
                equalTo(instances));
        up.destroy();
        assertThat(name + " up stops within 90 s", up.waitFor(90, TimeUnit.SECONDS), equalTo(true));
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> left;
        do {
            left = new ArrayList<>();
            for (ProcessHandle p : children) {
                if (p.isAlive()) {
                    left.add(p.pid() + " " + commandLine(p));
                }
            }
            // PostgreSQL detaches from its starter: found by its data directory
            List<String> byDataDir = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(p).contains(dataDir.toString())).map(p -> p.pid() + " " + commandLine(p)).toList();
            left.addAll(byDataDir);
        } while (!left.isEmpty() && Instant.now().isBefore(deadline) && pause());
        assertThat("processes left by " + name + " up:\n" + Files.readString(dataDir.resolve(name + ".out")), left, empty());
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse("");
    }

    /** Readiness on the management interface, which `up` puts at the API port + 1000. */
    private static boolean ready(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (Exception e) {
            return false;
        }
    }
}
