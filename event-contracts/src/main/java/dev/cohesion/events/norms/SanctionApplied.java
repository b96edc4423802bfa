package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

/**
 * @param recommendedRung the rung the ladder recommended (the organiser may have chosen another, with a reason)
 * @param endsAt          end of a temporary suspension, else absent
 * @param appealUntil     the member may appeal until then; absent in events from before it was carried
 */
public record SanctionApplied(UUID networkId, UUID sanctionId, UUID caseId, UUID memberId, SanctionRung rung,
                              SanctionRung recommendedRung, Instant appliedAt, Instant endsAt,
                              Instant appealUntil) {
}
