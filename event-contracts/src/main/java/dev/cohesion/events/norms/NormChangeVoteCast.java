package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/** A member's first vote on a proposal: who voted, never how (members-service reminds only those who have not). */
public record NormChangeVoteCast(UUID networkId, UUID proposalId, UUID memberId, Instant castAt) {
}
