package dev.cohesion.members;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.stack.testing.LocalStack;

import java.time.Instant;
import java.util.UUID;

/** Publishes events on a topic as their producing service would, to drive this service's consumers. */
public final class EventsWriter {

    private EventsWriter() {
    }

    /** Keyed by network, as on the norms topic. */
    public static <T> UUID publish(EventType<T> type, UUID networkId, T payload) {
        return publish(type, networkId, payload, UUID.randomUUID());
    }

    /** With a chosen event id: publishing the same id twice is a redelivery. */
    public static <T> UUID publish(EventType<T> type, UUID networkId, T payload, UUID eventId) {
        return publish(type, networkId.toString(), networkId, payload, eventId);
    }

    /** With a chosen key (a member id on the exports topics). */
    public static <T> UUID publish(EventType<T> type, String key, UUID networkId, T payload, UUID eventId) {
        EventEnvelope envelope = EventEnvelope.of(eventId, "/cohesion/" + type.producer() + "-service", type, Instant.now(),
                "test/" + eventId, networkId, payload);
        LocalStack.get().write(type.topic(), key, EventJson.MAPPER.valueToTree(envelope).toString());
        return eventId;
    }
}
