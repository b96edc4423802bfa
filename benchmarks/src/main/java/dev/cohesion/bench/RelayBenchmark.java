package dev.cohesion.bench;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.stack.process.CohesionService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbox relay of a running members-service: from the commit of an outbox row to the record on the topic.
 * <ol>
 *   <li>latency at low load: rows committed one per transaction, 20 a second; a consumer beside the broker notes
 *   when each record arrives (commit to consumer, so an upper bound of commit to topic);</li>
 *   <li>throughput: one transaction commits a backlog of rows; the time until the last is on the topic, with Kafka's
 *   own ProducerPerformance (acks=all, idempotent, records of the same size) in the same run as the baseline.</li>
 * </ol>
 * The rows are written with SQL exactly as the Outbox writes them (the relay wakes on the table's NOTIFY trigger).
 */
public final class RelayBenchmark {

    private final Bench bench = new Bench();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicBoolean consuming = new AtomicBoolean(true);

    static final Map<String, String> OPTIONS = Map.of("latency-events", "400", "backlog", "100000");

    public static void main(String[] args) {
        Bench.main(args, OPTIONS, RelayBenchmark::run);
    }

    static void run(Map<String, String> o) throws Exception {
        new RelayBenchmark().run(Integer.parseInt(o.get("latency-events")), Integer.parseInt(o.get("backlog")));
    }

    private void run(int latencyEvents, int backlog) throws Exception {
        bench.start(CohesionService.MEMBERS, Map.of());
        Thread consumer = new Thread(this::consume, "bench-consumer");
        consumer.start();
        Thread.sleep(3000);
        UUID network = UUID.randomUUID();
        String envelope = EventJson.MAPPER.valueToTree(EventEnvelope.of(UUID.randomUUID(), "/cohesion/benchmark",
                MembersEvents.NETWORK_UPDATED, Instant.now(), "benchmark", network,
                new NetworkUpdated(network, "bench-relay", "Benchmark network", new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0), 2, Instant.now()))).toString();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL, Kafka and members-service on it");

        long[] latencies = new long[latencyEvents];
        try (Connection c = bench.database("members");
             PreparedStatement insert = c.prepareStatement("insert into outbox_event (event_id, topic, record_key, event_type, envelope, headers) "
                     + "values (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < latencyEvents; i++) {
                String id = UUID.randomUUID().toString();
                insert.setObject(1, UUID.fromString(id));
                insert.setString(2, Topics.MEMBERS);
                insert.setString(3, network.toString());
                insert.setString(4, MembersEvents.NETWORK_UPDATED.name());
                insert.setString(5, envelope);
                insert.setString(6, "{\"ce_id\":\"" + id + "\"}");
                insert.executeUpdate();
                long committed = System.nanoTime();
                Long arrived;
                while ((arrived = arrivals.get(id)) == null) {
                    Thread.sleep(1);
                }
                latencies[i] = arrived - committed;
                Thread.sleep(50);
            }
        }
        figures.put("commit to consumer, one row per transaction, 20/s", Report.latencies(latencies));
        Report.bar("outbox relay, commit to consumer, p99", Report.p99(latencies), "ms", 250);

        arrivals.clear();
        long committed;
        try (Connection c = bench.database("members");
             PreparedStatement insert = c.prepareStatement("insert into outbox_event (event_id, topic, record_key, event_type, envelope, headers) "
                     + "select id, ?, ?, ?, ?, json_build_object('ce_id', id)::text from (select gen_random_uuid() as id "
                     + "from generate_series(1, ?)) x")) {
            insert.setString(1, Topics.MEMBERS);
            insert.setString(2, network.toString());
            insert.setString(3, MembersEvents.NETWORK_UPDATED.name());
            insert.setString(4, envelope);
            insert.setInt(5, backlog);
            insert.executeUpdate();
            committed = System.nanoTime();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (arrivals.size() < backlog && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long last = arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        double seconds = (last - committed) / 1e9;
        double relayRate = arrivals.size() / seconds;
        figures.put("relay throughput, a backlog of " + backlog + " rows (one key, so one partition, in order)",
                String.format("%.0f events/s (%d on the topic in %.1f s)", relayRate, arrivals.size(), seconds));
        consuming.set(false);
        consumer.join();

        try (Admin admin = Admin.create(bench.stack.kafka().clientConfig(LocalKafka.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("bench.producer-performance", 1, (short) 1))).all().get();
        }
        String baseline = Bench.kafkaTool("ProducerPerformance", "--topic", "bench.producer-performance", "--num-records",
                Integer.toString(backlog), "--record-size", Integer.toString(envelope.getBytes(StandardCharsets.UTF_8).length),
                "--throughput", "-1", "--producer.config", bench.adminConfigFile().toString(),
                "--producer-props", "bootstrap.servers=" + bench.stack.kafka().bootstrapServers(), "acks=all",
                "enable.idempotence=true", "linger.ms=5");
        String summary = baseline.lines().filter(l -> l.contains("records sent")).reduce((a, b) -> b).orElse(baseline);
        double baselineRate = Double.parseDouble(summary.replaceAll("^\\s*\\d+ records sent, ([0-9.]+) records/sec.*$", "$1"));
        figures.put("Kafka ProducerPerformance, acks=all, idempotent, same record size, same run", String.format("%.0f records/s", baselineRate));
        figures.put("relay / raw production", String.format("%.3f", relayRate / baselineRate));
        Report.compare("outbox relay, a backlog", relayRate, "ProducerPerformance", baselineRate, "—");
        bench.stopServices();
        Report.report("outbox relay (members-service)", figures);
    }

    private void consume() {
        Map<String, Object> config = new java.util.HashMap<>(bench.stack.kafka().clientConfig(LocalKafka.ADMIN));
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEMBERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (consuming.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Header id = r.headers().lastHeader("ce_id");
                    if (id != null) {
                        arrivals.putIfAbsent(new String(id.value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
        }
    }
}
