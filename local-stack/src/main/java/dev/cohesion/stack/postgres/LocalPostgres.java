package dev.cohesion.stack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central: no Docker, no system package.
 * Listens on 127.0.0.1 only. {@link #stop()} and {@link #start()} may be called repeatedly: the server comes back
 * on the same port with the same data, which is how the crash drills take the database away.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres.Builder builder;
    private final Path throwAwayDirectory;
    private EmbeddedPostgres server;
    private int port;

    private LocalPostgres(EmbeddedPostgres.Builder builder, Path throwAwayDirectory) {
        this.builder = builder;
        this.throwAwayDirectory = throwAwayDirectory;
    }

    /**
     * A cluster kept in the data directory across runs, written durably (fsync on).
     *
     * @param port the port to listen on, 0 for a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, true, null);
    }

    /**
     * A cluster for one test JVM, on a free port, without fsync (nothing outlives the machine), removed on
     * {@link #close()}; it keeps its data across {@link #stop()} and {@link #start()}.
     */
    public static LocalPostgres throwAway() throws IOException {
        Path directory = Files.createTempDirectory("cohesion-postgres");
        return start(directory, 0, false, directory);
    }

    private static LocalPostgres start(Path dataDirectory, int port, boolean fsync, Path throwAwayDirectory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // PostgreSQL's 128 MB default makes a 10-million-row activity index fall out of the buffer cache
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        LocalPostgres postgres = new LocalPostgres(builder, throwAwayDirectory);
        postgres.start();
        return postgres;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Starts the server again on the same port and data (a no-op while it runs). */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = builder.start();
        port = server.getPort();
        builder.setPort(port);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open connections are cut), keeping its data. */
    public synchronized void stop() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        server = null;
    }

    /** Creates (if missing) a login role and a database owned by it, as one service needs. */
    public void ensureDatabase(String database, String user, String password) throws SQLException {
        EmbeddedPostgres s;
        synchronized (this) {
            s = server;
        }
        if (s == null) {
            throw new SQLException("PostgreSQL is stopped");
        }
        ServiceDatabases.ensure(s.getPostgresDatabase()::getConnection, database, user, password);
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
        if (throwAwayDirectory != null) {
            try (Stream<Path> files = Files.walk(throwAwayDirectory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
