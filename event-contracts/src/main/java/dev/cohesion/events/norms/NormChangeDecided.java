package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/** @param eligible active members when the vote closed */
public record NormChangeDecided(UUID networkId, UUID proposalId, NormChangeKind kind, UUID normId,
                                VoteOutcome outcome, int eligible, int votesFor, int votesAgainst,
                                int abstentions, Instant decidedAt) {
}
