package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

public record AppealDecided(UUID networkId, UUID appealId, UUID sanctionId, UUID caseId, UUID normId,
                            UUID memberId, AppealOutcome outcome, Instant decidedAt) {
}
