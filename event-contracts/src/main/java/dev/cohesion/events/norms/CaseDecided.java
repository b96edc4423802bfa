package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

public record CaseDecided(UUID networkId, UUID caseId, UUID normId, String normCode, UUID subjectMemberId,
                          CaseOutcome outcome, Instant openedAt, Instant decidedAt) {
}
