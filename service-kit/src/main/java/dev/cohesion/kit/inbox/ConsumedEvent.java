package dev.cohesion.kit.inbox;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventType;

import java.util.UUID;

/** A valid event taken from a topic: its envelope, its type, and where it was read. */
public record ConsumedEvent(EventEnvelope envelope, EventType<?> type, String topic, int partition, long offset,
                            String key) {

    public UUID id() {
        return envelope.id();
    }

    public boolean is(EventType<?> other) {
        return type.equals(other);
    }

    public <T> T payload(EventType<T> expected) {
        return envelope.payload(expected);
    }
}
