package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

public record NetworkCreated(UUID networkId, String slug, String name, NetworkSettings settings, Instant createdAt) {
}
