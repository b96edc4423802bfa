package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/** A vote closes within the reminder window: published once per proposal. */
public record NormChangeVoteClosing(UUID networkId, UUID proposalId, String code, Instant votingClosesAt, Instant remindedAt) {
}
