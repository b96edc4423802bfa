package dev.cohesion.stack.keycloak;

import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.process.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the unpacked {@code org.keycloak:keycloak-quarkus-dist} zip, see local-stack/pom.xml) run as a
 * child process on 127.0.0.1, with the Cohesion realm imported at its first start ({@link RealmSecrets}).
 *
 * <p>Each instance has its own Keycloak home, {@code <workDir>/home}: a copy of {@code bin/kc.sh} (it finds its
 * home from its own path) and links to the distribution's {@code lib}, {@code conf}, {@code themes} and
 * {@code providers}, so that the database and the realm import live in the work directory while Keycloak's
 * one-time build step (25-40 s, on the first start of a fresh distribution) is shared. A restart with the same
 * work directory takes about 10 s here; a first start about 40 s (docs/keycloak.md).
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "cohesion";
    /** The realm's client whose service account members-service uses to create partners' clients. */
    public static final String PROVISIONER = "cohesion-provisioner";
    public static final String DIST_PROPERTY = "cohesion.keycloak.dist";
    public static final String DIST_ENV = "COHESION_KEYCLOAK_DIST";
    /** Printed once Keycloak's (possible) rebuild of the distribution is over. */
    private static final String RUNNING = "Running the server in";
    /**
     * Instead of kc.sh's defaults (G1, C2, -Xmx512m): measured on these 2 cores, a restart costs about 11 s of CPU
     * instead of 21-23 s and 320 MB instead of 420 MB.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms32m",
            "-Xmx256m", "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8", "-Djava.security.egd=file:/dev/urandom");

    private final Process process;
    private final Path workDir;
    private final RealmSecrets secrets;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::close, "keycloak-stop");
    private boolean closed;

    private LocalKeycloak(Process process, Path workDir, RealmSecrets secrets, int port) {
        this.process = process;
        this.workDir = workDir;
        this.secrets = secrets;
        this.port = port;
    }

    /**
     * The distribution named by {@value #DIST_PROPERTY} or {@value #DIST_ENV}, else the one the build unpacked into
     * {@code <root>/local-stack/target/keycloak}.
     */
    public static Path distribution(Path root) {
        String named = Optional.ofNullable(System.getProperty(DIST_PROPERTY)).orElse(System.getenv(DIST_ENV));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        Path unpacked = root.resolve("local-stack/target/keycloak");
        try (Stream<Path> dirs = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak in " + unpacked
                            + ": build local-stack (./mvnw -pl local-stack package) or set " + DIST_ENV));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Keycloak from the distribution with its data in {@code workDir} (kept: the same directory restarts
     * with the same realm, users and secrets) on 127.0.0.1:{@code port} (0: a free port), and waits until the
     * realm's OIDC discovery answers.
     */
    public static LocalKeycloak start(Path distribution, Path workDir, int port, Duration timeout)
            throws IOException, InterruptedException {
        Path dist = distribution.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(dist + " is not an unpacked Keycloak distribution (no bin/kc.sh)");
        }
        dist = dist.toRealPath();
        Path javaHome = JavaHomes.forKeycloak();
        Files.createDirectories(workDir);
        RealmSecrets secrets = RealmSecrets.in(workDir);
        Map<String, String> values = secrets.placeholderValues();
        Path home = prepareHome(dist, workDir, secrets.realmJson(), values);
        int httpPort = port == 0 ? FreePorts.find() : port;
        Path log = workDir.resolve("keycloak.log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-host=127.0.0.1", "--http-port=" + httpPort,
                // a full URL: the issuer is http://127.0.0.1:<port>/realms/cohesion whatever Host a client sends
                "--hostname=http://127.0.0.1:" + httpPort)
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // nothing of the caller's Keycloak, Quarkus or kc.sh settings (DEBUG=true would open a debug port)
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_") || k.startsWith("JAVA_OPTS")
                || List.of("JAVA", "DEBUG", "DEBUG_PORT", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS").contains(k));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA_OPTS", String.join(" ", JVM_OPTIONS));
        // the master realm's admin, created on the first start of a work directory only
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword());
        env.putAll(values);

        LocalKeycloak kc;
        long deadline = System.nanoTime() + timeout.toNanos();
        // a fresh distribution is rebuilt by its first start: one start at a time per distribution, across JVMs
        try (FileChannel lockFile = FileChannel.open(dist.resolve(".cohesion-start.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            kc = new LocalKeycloak(pb.start(), workDir, secrets, httpPort);
            Runtime.getRuntime().addShutdownHook(kc.shutdownHook);
            kc.await(() -> Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(RUNNING), deadline);
        }
        kc.await(() -> kc.answers(URI.create(kc.issuer() + "/.well-known/openid-configuration")), deadline);
        return kc;
    }

    private interface Check {
        boolean done() throws IOException, InterruptedException;
    }

    private void await(Check check, long deadline) throws InterruptedException, IOException {
        try {
            while (!check.done()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " while starting; "
                            + "the end of " + logFile() + ":\n" + String.join("\n", lastLogLines(30)));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Keycloak was not ready in time; the end of " + logFile() + ":\n"
                            + String.join("\n", lastLogLines(30)));
                }
                Thread.sleep(250);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private boolean answers(URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * {@code workDir/home} with the realm file in {@code data/import}. Keycloak imports a realm only if it does not
     * exist yet, so a database made from another realm file is emptied first (a fingerprint of the file and its
     * values is kept beside it).
     */
    private static Path prepareHome(Path dist, Path workDir, String realm, Map<String, String> values) throws IOException {
        Path home = workDir.resolve("home");
        Path fingerprintFile = workDir.resolve("realm.fingerprint");
        String fingerprint = fingerprint(realm + values);
        if (Files.isDirectory(home.resolve("data"))
                && !(Files.isRegularFile(fingerprintFile) && Files.readString(fingerprintFile).equals(fingerprint))) {
            deleteRecursively(home.resolve("data"));
        }
        Files.createDirectories(home.resolve("bin"));
        Files.copy(dist.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        for (String shared : List.of("lib", "conf", "themes", "providers")) {
            Path link = home.resolve(shared);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(dist.resolve(shared))) {
                continue;
            }
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(link);
            }
            Files.createSymbolicLink(link, dist.resolve(shared));
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve("cohesion-realm.json"), realm);
        Files.writeString(fingerprintFile, fingerprint);
        return home;
    }

    private static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does not follow links: the links into the distribution are removed, not what they point to. */
    private static void deleteRecursively(Path root) throws IOException {
        if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
            Files.deleteIfExists(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** SIGTERM to kc.sh and its Java process (its child, or kc.sh itself after a rebuild), SIGKILL after 30 s. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the hook is what is running
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of the realm's tokens. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** The provider as the services' environment names it (members-service creates partners' clients in the realm). */
    public IdentityProvider identityProvider() {
        return IdentityProvider.keycloak(baseUrl(), REALM, secrets.clientSecret(PROVISIONER));
    }

    public String adminConsole() {
        return baseUrl() + "/admin/master/console/";
    }

    /** The realm's generated passwords and client secrets. */
    public RealmSecrets secrets() {
        return secrets;
    }

    /** Token flows and the admin API against this Keycloak. */
    public KeycloakClient client() {
        return new KeycloakClient(baseUrl(), secrets.adminPassword());
    }

    public Path logFile() {
        return workDir.resolve("keycloak.log");
    }

    public List<String> lastLogLines(int count) {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.ISO_8859_1);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** The Java process and kc.sh, for drills. */
    public ProcessHandle process() {
        return process.toHandle();
    }
}
