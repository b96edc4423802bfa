package dev.cohesion.stack.kafka;

import dev.cohesion.stack.secrets.Secrets;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one), running inside this JVM from
 * the Kafka jars on Maven Central, bound to 127.0.0.1 only, and closed to anyone without credentials:
 * <ul>
 * <li>clients authenticate with SASL SCRAM-SHA-512; the controller listener with SASL PLAIN as the admin;</li>
 * <li>the StandardAuthorizer allows nothing that an ACL does not grant ({@link KafkaAccessControl} grants what
 * TopicAccess plans); {@value #ADMIN} is the only super user;</li>
 * <li>passwords are generated on first start and kept, readable by their owner only, in {@code credentials/}
 * beside the data.</li>
 * </ul>
 * Topics are never auto-created. {@link #stop()} and {@link #start()} may be called repeatedly: the broker comes
 * back on the same port with the same data, which is how tests simulate a broker outage.
 */
public final class LocalKafka implements AutoCloseable {

    public static final String ADMIN = "admin";

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final Secrets credentials;
    private KafkaRaftServer server;

    private LocalKafka(Path directory, int port, int controllerPort, Secrets credentials) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.credentials = credentials;
    }

    /**
     * Formats the directory on first use, starts the broker, and creates the principals, ACLs and topics of the
     * plan (again on every start: it is idempotent).
     *
     * @param directory      where the broker keeps its data and credentials (kept across restarts)
     * @param port           the client port
     * @param controllerPort the KRaft controller port
     */
    public static LocalKafka start(Path directory, int port, int controllerPort) throws IOException {
        Secrets credentials = Secrets.in(directory.resolve("credentials"));
        LocalKafka kafka = new LocalKafka(directory, port, controllerPort, credentials);
        kafka.format();
        kafka.start();
        KafkaAccessControl.apply(kafka.clientConfig(ADMIN), credentials);
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The password of a principal of the plan, or of the admin. */
    public String password(String principal) {
        return credentials.password(principal);
    }

    /** What a Kafka client needs to connect as the principal: bootstrap servers and its SASL settings. */
    public Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new HashMap<>(saslConfig(principal, password(principal)));
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** The SASL settings of a client that signs in as the principal. */
    public static Map<String, String> saslConfig(String principal, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + principal + "\" password=\"" + password + "\";");
    }

    public synchronized boolean running() {
        return server != null;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
        s.startup();
        server = s;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Formats the data directory once, with the admin's SCRAM credential. A directory formatted before the broker
     * required credentials holds none and cannot be given one: it is formatted again, empty.
     */
    private void format() throws IOException {
        Path data = directory.resolve("data");
        if (Files.exists(data.resolve("meta.properties"))) {
            if (Files.exists(directory.resolve("formatted-with-scram"))) {
                return;
            }
            System.err.println("cohesion: the Kafka data in " + data + " predates authentication; starting it afresh, empty");
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(directory);
        Path propsFile = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            properties().store(out, "single-node KRaft broker written by Cohesion's local stack");
        }
        Secrets.ownerOnly(propsFile);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(), "--ignore-formatted",
                "--add-scram", "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + password(ADMIN) + "]" },
                new PrintStream(messages, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IOException("formatting the Kafka log directory failed: " + messages.toString(StandardCharsets.UTF_8));
        }
        Files.writeString(directory.resolve("formatted-with-scram"), "SCRAM-SHA-512\n");
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "CLIENT");
        // clients: SCRAM only; the broker signs in to itself as the admin
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN + "\" password=\""
                        + password(ADMIN) + "\";");
        // the controller listener: PLAIN with the admin only (KRaft cannot use SCRAM there: its credentials live in
        // the metadata the controller serves). Both settings must be present, or Kafka halts the JVM.
        String controllerPassword = password("controller");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN + "\" password=\""
                        + controllerPassword + "\" user_" + ADMIN + "=\"" + controllerPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("log.dirs", directory.resolve("data").toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the log cleaner looks for compactable segments every second (default 15 s), so that a tombstone's effect
        // on the compacted profiles topic shows within seconds once a segment rolls (docs/privacy.md)
        p.put("log.cleaner.backoff.ms", "1000");
        return p;
    }
}
