package dev.cohesion.kit.outbox;

import dev.cohesion.kit.support.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a publisher that died left behind: rows it handed to Kafka and saw acknowledged, but had not marked yet. A
 * relay that takes over reads the last records of the partitions its pending rows go to (Kafka's default
 * partitioner: murmur2 of the key) and returns the pending event ids found there, so that they are marked rather
 * than sent a second time. Only the outbox writes to a service's topics, and the predecessor had at most one batch
 * in flight, so the last {@code window} records of a partition hold whatever it sent. Blocking: run it off the
 * event loop.
 */
final class TakeoverCheck {

    /** A pending outbox row: its event id and where it goes. */
    record Pending(UUID eventId, String topic, String key) {
    }

    private TakeoverCheck() {
    }

    static Set<UUID> alreadyPublished(Map<String, Object> kafkaConfig, List<Pending> pending, int window, Duration timeout) {
        Map<String, Object> config = KafkaConnection.settings(kafkaConfig);
        config.put("enable.auto.commit", false);
        config.put("default.api.timeout.ms", (int) timeout.toMillis());
        config.put("client.id", "outbox-takeover-check");
        Map<String, UUID> wanted = new HashMap<>();
        pending.forEach(p -> wanted.put(p.topic() + "|" + p.eventId(), p.eventId()));
        Set<UUID> found = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = new HashSet<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Pending p : pending) {
                int n = counts.computeIfAbsent(p.topic(), t -> consumer.partitionsFor(t).size());
                partitions.add(new TopicPartition(p.topic(), Utils.toPositive(Utils.murmur2(p.key().getBytes(StandardCharsets.UTF_8))) % n));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - window)));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the last records of " + partitions + " could not be read in time");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header id = r.headers().lastHeader(Outbox.HEADER_EVENT_ID);
                    UUID eventId = id == null ? null : wanted.get(r.topic() + "|" + new String(id.value(), StandardCharsets.UTF_8));
                    if (eventId != null) {
                        found.add(eventId);
                    }
                }
            }
        }
        return found;
    }
}
