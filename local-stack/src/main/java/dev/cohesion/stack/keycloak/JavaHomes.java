package dev.cohesion.stack.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java 21+ that Keycloak needs, the way a user's machine offers one: named explicitly
 * ({@value #PROPERTY} or {@value #ENV}), else {@code JAVA_HOME}, else the running JVM, else the newest JDK in the
 * usual install directories (Debian's /usr/lib/jvm, /opt, SDKMAN, IntelliJ's ~/.jdks, macOS).
 */
public final class JavaHomes {

    public static final String PROPERTY = "cohesion.keycloak.java.home";
    public static final String ENV = "COHESION_KEYCLOAK_JAVA_HOME";
    static final int NEEDED = 21;

    private static final Pattern FEATURE = Pattern.compile("^(?:1\\.)?(\\d+)");

    private JavaHomes() {
    }

    public static Path forKeycloak() {
        String named = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENV));
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named);
            int version = featureVersion(home);
            if (version < NEEDED) {
                throw new IllegalStateException(PROPERTY + " / " + ENV + " names " + home + ", which is "
                        + (version > 0 ? "Java " + version : "not a Java installation") + "; Keycloak needs Java " + NEEDED + "+");
            }
            return home;
        }
        List<String> tried = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            if (featureVersion(Path.of(javaHome)) >= NEEDED) {
                return Path.of(javaHome);
            }
            tried.add("JAVA_HOME=" + javaHome + " (Java " + featureVersion(Path.of(javaHome)) + ")");
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= NEEDED) {
            return running;
        }
        tried.add("this JVM (Java " + Runtime.version().feature() + ")");
        String user = System.getProperty("user.home");
        List<Path> roots = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt"), Path.of("/usr/java"), Path.of("/usr/local"),
                Path.of("/Library/Java/JavaVirtualMachines"), Path.of(user, ".sdkman/candidates/java"), Path.of(user, ".jdks"));
        Path best = null;
        int bestVersion = 0;
        for (Path root : roots) {
            for (Path candidate : candidates(root)) {
                int version = featureVersion(candidate);
                if (version > bestVersion && Files.isExecutable(candidate.resolve("bin/java"))) {
                    best = candidate;
                    bestVersion = version;
                }
            }
        }
        if (bestVersion >= NEEDED) {
            return best;
        }
        tried.add("the JDKs under " + roots + (best == null ? " (none)" : " (newest: Java " + bestVersion + ")"));
        throw new IllegalStateException("Keycloak needs Java " + NEEDED + " or newer and none was found; tried "
                + String.join("; ", tried) + ". Install one (e.g. Temurin 21) or name it with " + ENV + "=<dir>");
    }

    /** A JDK's home holds a {@code release} file; macOS nests it under Contents/Home. */
    private static List<Path> candidates(Path root) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                for (Path home : List.of(child, child.resolve("Contents/Home"))) {
                    if (Files.isRegularFile(home.resolve("release"))) {
                        found.add(home);
                    }
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // not a place to look
        }
        return found;
    }

    /** 17, 21, 25… from the home's {@code release} file; 0 when it has none. */
    static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(release, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
        Matcher m = FEATURE.matcher(p.getProperty("JAVA_VERSION", "").replace("\"", "").trim());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
