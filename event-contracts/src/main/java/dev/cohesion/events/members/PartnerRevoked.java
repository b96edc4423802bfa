package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/** An organiser revoked a partner: its next call is refused. */
public record PartnerRevoked(UUID networkId, UUID partnerId, UUID revokedBy, Instant revokedAt) {
}
