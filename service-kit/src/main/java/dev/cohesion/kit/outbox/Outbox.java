package dev.cohesion.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.kit.monitoring.Traces;
import dev.cohesion.kit.support.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where services put the events they publish: a row in the same transaction as the state change it reports.
 * Call it inside the use case's transaction ({@code @WithTransaction}); {@link OutboxRelay} publishes after commit.
 */
@ApplicationScoped
public class Outbox {

    public static final String HEADER_EVENT_ID = "ce_id";
    public static final String HEADER_EVENT_TYPE = "ce_type";
    public static final String HEADER_CONTENT_TYPE = "content-type";
    /** The event type of an outbox row that publishes a tombstone (a null value). */
    public static final String TOMBSTONE = "tombstone";

    private final String source;
    private final Clock clock;

    Outbox(@ConfigProperty(name = "quarkus.application.name") String application, Clock clock) {
        this.source = "/cohesion/" + application;
        this.clock = clock;
    }

    /** An event keyed by its network (members, norms and metrics topics): per-network order. */
    public <T> Uni<UUID> add(EventType<T> type, UUID networkId, String subject, T payload) {
        return add(type, networkId, subject, networkId.toString(), payload);
    }

    public <T> Uni<UUID> add(EventType<T> type, UUID networkId, String subject, String key, T payload) {
        UUID id = Ids.next();
        Map<String, String> trace = Traces.current();
        EventEnvelope envelope = EventEnvelope.of(id, source, type, clock.instant(), subject, networkId, payload)
                .withTrace(trace.get(Traces.TRACEPARENT), trace.get(Traces.TRACESTATE));
        Map<String, String> headers = new HashMap<>(KafkaRecords.eventHeaders(id, type));
        headers.putAll(trace); // the relay publishes the record as a child of this trace
        return row(id, type.topic(), key, type.name(), json(envelope), headers).persist().replaceWith(id);
    }

    /**
     * A tombstone for {@code key} on a compacted topic: once compaction has run, nothing of what that key carried
     * is left on the topic. Rows that still carry the key's earlier records are deleted in the same transaction.
     */
    public Uni<Void> tombstone(String topic, String key) {
        OutboxEvent row = row(Ids.next(), topic, key, TOMBSTONE, null, Map.of());
        return OutboxEvent.delete("topic = ?1 and recordKey = ?2", topic, key).chain(() -> row.persist()).replaceWithVoid();
    }

    /**
     * A consumed record that can never be processed, on its way to {@code <topic>.dlq} with the reason, in the
     * same transaction as the consumer's bookkeeping.
     */
    public Uni<Void> deadLetter(String deadLetterTopic, String key, String value, Map<String, String> headers) {
        return row(Ids.next(), deadLetterTopic, key == null ? "" : key, "dead-letter", value, headers).persist().replaceWithVoid();
    }

    private OutboxEvent row(UUID id, String topic, String key, String eventType, String envelope, Map<String, String> headers) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.topic = topic;
        row.recordKey = key;
        row.eventType = eventType;
        row.envelope = envelope;
        row.headers = json(headers);
        row.createdAt = clock.instant();
        return row;
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value, e);
        }
    }
}
