package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/** @param normId the norm amended or retired; absent for ADD */
public record NormChangeProposed(UUID networkId, UUID proposalId, NormChangeKind kind, UUID normId, String code,
                                 Instant votingClosesAt, Instant proposedAt) {
}
