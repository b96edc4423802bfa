package dev.cohesion.members;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.stack.testing.LocalStack;

import java.time.Instant;
import java.util.UUID;

/** Publishes events on a topic as their producing service would, to drive this service's consumers. */
public final class NormsEventsWriter {

    private NormsEventsWriter() {
    }

    public static <T> UUID publish(EventType<T> type, UUID networkId, T payload) {
        return publish(type, networkId, payload, UUID.randomUUID());
    }

    /** With a chosen event id: publishing the same id twice is a redelivery. */
    public static <T> UUID publish(EventType<T> type, UUID networkId, T payload, UUID eventId) {
        EventEnvelope envelope = EventEnvelope.of(eventId, "/cohesion/norms-service", type, Instant.now(),
                "sanctions/" + eventId, networkId, payload);
        LocalStack.get().write(type.topic(), networkId.toString(), EventJson.MAPPER.valueToTree(envelope).toString());
        return eventId;
    }
}
