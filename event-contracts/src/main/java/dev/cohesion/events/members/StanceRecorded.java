package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/** A member's stance on a purpose version (the objection's reason stays in members-service). */
public record StanceRecorded(UUID networkId, UUID purposeId, UUID memberId, Stance stance, Instant recordedAt) {
}
