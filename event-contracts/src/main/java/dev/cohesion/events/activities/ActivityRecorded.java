package dev.cohesion.events.activities;

import java.time.Instant;
import java.util.UUID;

/**
 * A unit of participation. Partners and integrators produce it directly (keyed by member id), or through
 * metrics-service's REST door.
 *
 * @param type           ATTENDED_EVENT, CONTRIBUTED, … or a type the network added
 * @param weight         overrides the network's weight for the type, if present
 * @param source         who reported it (a partner's name)
 * @param idempotencyKey chosen by the sender: the same key twice in a network counts once
 */
public record ActivityRecorded(UUID networkId, UUID memberId, String type, Instant occurredAt, Double weight,
                               String source, String idempotencyKey) {
}
