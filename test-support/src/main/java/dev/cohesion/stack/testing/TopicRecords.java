package dev.cohesion.stack.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Reads a whole topic, or writes raw records to it, as a test sees them on the real broker (with the client settings given). */
public final class TopicRecords {

    /** One record as it sits on the topic. */
    public record Record(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private TopicRecords() {
    }

    /** Every record of the topic, from the beginning to its current end. */
    public static List<Record> readAll(Map<String, Object> clientConfig, String topic) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new Record(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers));
                }
            }
        }
        return records;
    }

    /** Writes a raw record (any bytes a misbehaving producer might send) and waits for the broker's ack. */
    public static void write(Map<String, Object> clientConfig, String topic, String key, String value) {
        // a null value is a tombstone, which Map.entry would refuse
        writeAll(clientConfig, topic, List.of(new java.util.AbstractMap.SimpleEntry<>(key, value)));
    }

    /** Writes records (key, value) with one producer, in order, and waits for the broker's acks. */
    public static void writeAll(Map<String, Object> clientConfig, String topic, List<Map.Entry<String, String>> records) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
            for (Map.Entry<String, String> r : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }
}
