package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member became ACTIVE for the first time (member-joined.v2). Membership facts only: who the member is travels on
 * the compacted profiles topic ({@link MemberProfile}), where an erasure reaches it.
 */
public record MemberJoined(UUID networkId, UUID memberId, List<Role> roles, JoinRoute route, Instant joinedAt) {
}
