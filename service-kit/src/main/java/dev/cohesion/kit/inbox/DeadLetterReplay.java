package dev.cohesion.kit.inbox;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.support.KafkaConnection;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives the records this service dead-lettered from a topic to its consumer again, once what refused them is
 * fixed (docs/operations.md, "Dead letters"): an activity that came before its member's membership, an event a
 * new version now accepts. Each dead letter is read from {@code <topic>.dlq.<service>} and handed to the
 * {@link Inbox} as the record it was, at its original topic, partition and offset: an event applied since is a
 * duplicate and changes nothing; one refused again is not dead-lettered a second time (its offset names it).
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** What a replay did: the dead letters read and handed to the consumer again. */
    @Schema(name = "DeadLetterReplay", description = "The dead letters of a topic, read and given to the consumer again",
            requiredProperties = {"topic", "deadLetterTopic", "deadLetters"})
    public record Result(String topic, String deadLetterTopic, int deadLetters) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Inbox inbox;
    private final Instance<EventHandler> handlers;
    private final Map<String, Object> kafkaConfig;
    private final String service;

    DeadLetterReplay(Inbox inbox, Instance<EventHandler> handlers, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                     @ConfigProperty(name = "quarkus.application.name") String service) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.kafkaConfig = kafkaConfig;
        this.service = service;
    }

    public Uni<Result> replay(String topic) {
        EventHandler handler = handlers.stream().filter(h -> h.handles().stream().map(EventType::topic).anyMatch(topic::equals))
                .findFirst().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        service + " consumes no topic " + topic + ": it dead-letters only records of the topics it consumes."));
        String deadLetterTopic = Topics.deadLetter(topic, service);
        return Uni.createFrom().item(() -> read(deadLetterTopic, topic)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(records -> inbox.process(records, handler).replaceWith(new Result(topic, deadLetterTopic, records.size())));
    }

    /** Every dead letter on the topic, as the record it was on the original topic. */
    private List<ConsumerRecord<String, String>> read(String deadLetterTopic, String topic) {
        Map<String, Object> config = KafkaConnection.settings(kafkaConfig);
        config.put("enable.auto.commit", false);
        config.put("client.id", service + "-dead-letter-replay");
        List<ConsumerRecord<String, String>> originals = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, READ_TIMEOUT) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(deadLetterTopic + " could not be read in " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && topic.equals(header(r, Inbox.DLQ_TOPIC))) {
                        originals.add(new ConsumerRecord<>(topic, Integer.parseInt(header(r, Inbox.DLQ_PARTITION)),
                                Long.parseLong(header(r, Inbox.DLQ_OFFSET)), r.key(), r.value()));
                    }
                }
            }
        }
        return originals;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
