package dev.cohesion.kit.outbox;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventType;
import dev.cohesion.kit.monitoring.Traces;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** What every record Cohesion sends to Kafka shares, whether the outbox relay sends it or a REST door does. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** The headers of an event's record: its id and type, and the structured CloudEvents content type. */
    public static Map<String, String> eventHeaders(UUID id, EventType<?> type) {
        return Map.of(Outbox.HEADER_EVENT_ID, id.toString(), Outbox.HEADER_EVENT_TYPE, type.name(),
                Outbox.HEADER_CONTENT_TYPE, EventEnvelope.STRUCTURED_CONTENT_TYPE);
    }

    /**
     * Sends one record to the emitter's channel (or to {@code topic}, when given); the future completes when Kafka
     * acknowledges it, and fails with the reason when it does not. A {@code traceparent} (and {@code tracestate})
     * among the headers is not copied: the record is published as a child of that trace (or of the current one),
     * and the messaging instrumentation writes the producer span's own traceparent.
     */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String topic, String key, String value,
                                               Map<String, ?> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        Map<String, String> trace = new HashMap<>();
        headers.forEach((name, v) -> {
            if (name.equals(Traces.TRACEPARENT) || name.equals(Traces.TRACESTATE)) {
                trace.put(name, String.valueOf(v));
            } else {
                recordHeaders.add(name, String.valueOf(v).getBytes(StandardCharsets.UTF_8));
            }
        });
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(recordHeaders);
        if (topic != null) {
            metadata = metadata.withTopic(topic);
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            emitter.send(Message.of(value, Metadata.of(metadata.build(), TracingMetadata.withCurrent(Traces.parent(trace))),
                    () -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
