package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.keycloak.LocalKeycloak;
import dev.cohesion.stack.mail.LocalMail;
import dev.cohesion.stack.postgres.LocalPostgres;
import dev.cohesion.stack.process.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM, on free loopback ports, started on first
 * use and stopped when the JVM exits. Tests reach them through this class: to stop the broker or the database, to
 * mint tokens.
 */
public final class LocalStack {

    private static LocalStack instance;

    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final DevKeys keys;
    private final List<Runnable> beforeShutdown = new CopyOnWriteArrayList<>();
    private final Path publicKeyFile;
    private LocalKeycloak keycloak;
    private LocalMail mail;

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
                LocalPostgres postgres = LocalPostgres.throwAway();
                LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), FreePorts.find(), FreePorts.find());
                instance = new LocalStack(postgres, kafka, dir.resolve("keys"));
                Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "local-stack-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local PostgreSQL and Kafka for the tests", e);
            }
        }
        return instance;
    }

    /**
     * The real Keycloak (the distribution local-stack unpacks), started on first use on a free port, with its data in
     * the module's target/keycloak: about 40 s for a fresh work directory, 10-15 s after that. It stops itself with
     * the JVM.
     */
    public synchronized LocalKeycloak keycloak() {
        if (keycloak == null) {
            try {
                keycloak = LocalKeycloak.start(LocalKeycloak.distribution(Path.of("..").toAbsolutePath().normalize()),
                        Path.of("target/keycloak").toAbsolutePath(), 0, Duration.ofMinutes(4));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return keycloak;
    }

    /** The SMTP server (GreenMail), started on first use on free ports; it stops with the JVM. */
    public synchronized LocalMail mail() {
        if (mail == null) {
            mail = LocalMail.start(FreePorts.find(), FreePorts.find());
        }
        return mail;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** The PostgreSQL server: a crash drill stops and starts it; its data stays. */
    public LocalPostgres postgres() {
        return postgres;
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

    /** Creates a topic outside the plan (TopicAccess), with one partition, if it does not exist. */
    public void ensureTopic(String topic) {
        try (Admin admin = Admin.create(kafka.clientConfig(LocalKafka.ADMIN))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    /** Every record on the topic, from the beginning (read as the broker's admin). */
    public List<TopicRecords.Record> records(String topic) {
        return TopicRecords.readAll(kafka.clientConfig(LocalKafka.ADMIN), topic);
    }

    /** Writes a raw record to the topic (as the broker's admin: tests may forge what no service could). */
    public void write(String topic, String key, String value) {
        TopicRecords.write(kafka.clientConfig(LocalKafka.ADMIN), topic, key, value);
    }

    /** Writes records (key, value) to a topic with one producer, in order. */
    public void writeAll(String topic, List<Map.Entry<String, String>> records) {
        TopicRecords.writeAll(kafka.clientConfig(LocalKafka.ADMIN), topic, records);
    }

    /** Runs a query against a service's database (as that service's role) and returns the rows as lists. */
    public List<List<Object>> query(String database, String sql, Object... parameters) {
        return query(database, database, sql, parameters);
    }

    /** Runs a statement as the superuser, e.g. to take a database away from its service for a while. */
    public List<List<Object>> adminQuery(String database, String sql, Object... parameters) {
        return query(database, "postgres", sql, parameters);
    }

    private List<List<Object>> query(String database, String user, String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), user, user);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (!ps.execute()) {
                return rows;
            }
            try (ResultSet rs = ps.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /**
     * Runs at the JVM's exit before PostgreSQL and Kafka stop: processes that use them (the end-to-end tests'
     * services) stop cleanly and quickly while they are still there, instead of retrying against nothing until
     * the test runner kills the JVM and leaves them running.
     */
    public void beforeShutdown(Runnable action) {
        beforeShutdown.add(action);
    }

    private void shutdown() {
        beforeShutdown.forEach(Runnable::run);
        if (mail != null) {
            mail.close();
        }
        kafka.close();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; zonky logs its own failure
        }
    }
}
