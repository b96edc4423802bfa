package dev.cohesion.stack.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service run as a child process, its output appended to a log file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * The JVM options a service runs with locally (`./cohesion up`, the benchmarks): a 256 MB heap, and an exit on
     * running out of it rather than a process that limps on with failing threads (as deploy/ does on Kubernetes).
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * @param jar        the service's {@code target/quarkus-app/quarkus-run.jar}
     * @param environment the service's configuration, as environment variables (with COHESION_MANAGEMENT_PORT)
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                       List<String> jvmOptions, Path logFile) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(name + " is not built: " + jar + " is missing (run ./mvnw -DskipTests package)");
        }
        Files.createDirectories(logFile.getParent());
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        int managementPort = Integer.parseInt(environment.get("COHESION_MANAGEMENT_PORT"));
        return new ServiceProcess(name, port, managementPort, logFile, builder.start());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200, the process dies, or the time is up. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: health, metrics, the contract, Swagger UI. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** SIGTERM, then SIGKILL if the service has not stopped within the grace period: true when it stopped in time. */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9: for crash drills. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
