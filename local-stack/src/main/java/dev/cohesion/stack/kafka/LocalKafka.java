package dev.cohesion.stack.kafka;

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
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one), running inside this JVM from
 * the Kafka jars on Maven Central. Binds to 127.0.0.1 only. Topics are never auto-created: services create the
 * topics they use, with their configured partition counts.
 * <p>
 * {@link #stop()} and {@link #start()} may be called repeatedly: the broker comes back on the same port with
 * the same data, which is how tests simulate a broker outage.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private LocalKafka(Path logDirectory, int port, int controllerPort) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * @param logDirectory where the broker keeps its data (kept across restarts if it already exists)
     * @param port         the client port
     * @param controllerPort the KRaft controller port
     */
    public static LocalKafka start(Path logDirectory, int port, int controllerPort) throws IOException {
        LocalKafka kafka = new LocalKafka(logDirectory, port, controllerPort);
        kafka.format();
        kafka.start();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
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

    /** Formats the log directory once; a directory formatted before keeps its cluster id and its data. */
    private void format() throws IOException {
        if (Files.exists(logDirectory.resolve("data").resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDirectory);
        Path propsFile = logDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            properties().store(out, "single-node KRaft broker written by Cohesion's local stack");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(), "--ignore-formatted" },
                new PrintStream(messages, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IOException("formatting the Kafka log directory failed: " + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory.resolve("data").toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
