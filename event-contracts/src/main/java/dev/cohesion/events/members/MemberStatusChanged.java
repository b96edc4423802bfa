package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/**
 * A joined member's status changed.
 *
 * @param reason    why: an exit reason (DOES_NOT_SHARE_PURPOSE, MOVED_ON, OTHER), SANCTION, SANCTION_LIFTED or
 *                  SUSPENSION_ENDED
 * @param until     end of a suspension, else absent
 * @param sanctionId the norms-service sanction behind the change, if any
 */
public record MemberStatusChanged(UUID networkId, UUID memberId, MemberStatus from, MemberStatus to, String reason,
                                  Instant until, UUID sanctionId, Instant changedAt) {
}
