package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Retired (member-profile-changed.v1): not produced since profiles travel on the compacted profiles topic only. */
public record MemberProfileChanged(UUID networkId, UUID memberId, String displayName, String organisation,
                                   Constituency constituency, List<String> interests, Instant changedAt) {
}
