package dev.cohesion.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.kit.support.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
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
        EventEnvelope envelope = EventEnvelope.of(id, source, type, clock.instant(), subject, networkId, payload);
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.topic = type.topic();
        row.recordKey = key;
        row.eventType = type.name();
        row.envelope = json(envelope);
        row.headers = json(KafkaRecords.eventHeaders(id, type));
        row.createdAt = clock.instant();
        return row.persist().replaceWith(id);
    }

    /**
     * A consumed record that can never be processed, on its way to {@code <topic>.dlq} with the reason, in the
     * same transaction as the consumer's bookkeeping.
     */
    public Uni<Void> deadLetter(String deadLetterTopic, String key, String value, Map<String, String> headers) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = Ids.next();
        row.topic = deadLetterTopic;
        row.recordKey = key == null ? "" : key;
        row.eventType = "dead-letter";
        row.envelope = value == null ? "" : value;
        row.headers = json(headers);
        row.createdAt = clock.instant();
        return row.persist().replaceWithVoid();
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value, e);
        }
    }
}
