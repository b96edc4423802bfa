package dev.cohesion.stack.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated local secrets (the Kafka principals' passwords, the Keycloak realm's passwords and client secrets), one
 * file per name ({@code <name>.password}), created on first use and readable by their owner only. Never committed:
 * they live under the data directory.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private Secrets(Path directory) {
        this.directory = directory;
    }

    public static Secrets in(Path directory) throws IOException {
        Files.createDirectories(directory);
        ownerOnly(directory);
        return new Secrets(directory);
    }

    /** The named password, created on first use. */
    public String password(String principal) {
        return passwords.computeIfAbsent(principal, p -> {
            Path file = directory.resolve(p + ".password");
            try {
                if (Files.exists(file)) {
                    return Files.readString(file).trim();
                }
                String password = HexFormat.of().formatHex(bytes());
                Files.writeString(file, password + "\n");
                ownerOnly(file);
                return password;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the password of " + p + " in " + file, e);
            }
        });
    }

    /** Readable (and writable) by its owner only. */
    public static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }

    private static byte[] bytes() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }
}
