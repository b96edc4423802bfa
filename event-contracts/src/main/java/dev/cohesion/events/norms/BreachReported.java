package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/** A breach report opened a case. The reporter is never named outside norms-service. */
public record BreachReported(UUID networkId, UUID caseId, UUID normId, String normCode, int normVersion,
                             UUID subjectMemberId, Instant reportedAt) {
}
