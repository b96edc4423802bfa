package dev.cohesion.stack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central: no Docker, no system package.
 * Listens on 127.0.0.1 only. With a data directory the cluster survives restarts; without one it lives in
 * a temporary directory removed on {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * @param dataDirectory where the cluster lives, or null for a throw-away cluster
     * @param port          the port to listen on, 0 for a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // PostgreSQL's 128 MB default makes a 10-million-row activity index fall out of the buffer cache
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return new LocalPostgres(builder.start());
    }

    public int port() {
        return server.getPort();
    }

    /** Creates (if missing) a login role and a database owned by it, as one service needs. */
    public void ensureDatabase(String database, String user, String password) throws SQLException {
        ServiceDatabases.ensure(server.getPostgresDatabase()::getConnection, database, user, password);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
