package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/** The network's whole new state; {@code version} increases with every update. */
public record NetworkUpdated(UUID networkId, String slug, String name, NetworkSettings settings, long version,
                             Instant updatedAt) {
}
