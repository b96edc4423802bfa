package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.postgres.LocalPostgres;
import dev.cohesion.stack.process.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM, on free loopback ports, started on first
 * use and stopped when the JVM exits. Tests reach them through this class: to stop the broker, to mint tokens.
 */
public final class LocalStack {

    private static LocalStack instance;

    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final DevKeys keys;
    private final Path publicKeyFile;

    private LocalStack(LocalPostgres postgres, LocalKafka kafka, Path keyDirectory) throws IOException {
        this.postgres = postgres;
        this.kafka = kafka;
        this.keys = DevKeys.loadOrCreate(keyDirectory);
        this.publicKeyFile = DevKeys.publicKeyFile(keyDirectory);
    }

    public static synchronized LocalStack get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("cohesion-test-stack");
                LocalPostgres postgres = LocalPostgres.start(null, 0);
                LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), FreePorts.find(), FreePorts.find());
                instance = new LocalStack(postgres, kafka, dir.resolve("keys"));
                Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "local-stack-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local PostgreSQL and Kafka for the tests", e);
            }
        }
        return instance;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public int postgresPort() {
        return postgres.port();
    }

    public DevKeys keys() {
        return keys;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public Tokens tokens(String subject) {
        return Tokens.forSubject(keys, subject);
    }

    /** Creates the database and role if needed; the password equals the role name (tests only). */
    public void ensureDatabase(String name) {
        try {
            postgres.ensureDatabase(name, name, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    private void shutdown() {
        kafka.close();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; zonky logs its own failure
        }
    }
}
