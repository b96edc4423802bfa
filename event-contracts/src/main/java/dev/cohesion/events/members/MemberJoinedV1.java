package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Retired: member-joined.v1 carried the member's profile on a topic that is kept forever, out of an erasure's reach.
 * Not produced any more; consumers read its membership facts from old history and ignore the personal fields.
 */
public record MemberJoinedV1(UUID networkId, UUID memberId, String displayName, String organisation,
                             Constituency constituency, List<String> interests, List<Role> roles, JoinRoute route,
                             Instant joinedAt) {

    /** The membership facts, as member-joined.v2 carries them. */
    public MemberJoined facts() {
        return new MemberJoined(networkId, memberId, roles, route, joinedAt);
    }
}
