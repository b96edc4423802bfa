package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/** The member's personal data was erased on request: every service scrubs what it keeps of it. */
public record MemberErased(UUID networkId, UUID memberId, Instant erasedAt) {
}
