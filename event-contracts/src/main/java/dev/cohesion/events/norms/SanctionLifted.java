package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/**
 * @param expunged true when the sanction no longer counts on the ladder nor against trust
 */
public record SanctionLifted(UUID networkId, UUID sanctionId, UUID memberId, SanctionRung rung, LiftReason reason,
                             boolean expunged, Instant liftedAt) {
}
