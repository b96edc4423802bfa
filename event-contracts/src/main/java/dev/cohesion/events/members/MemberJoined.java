package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A member became ACTIVE for the first time. Carries no e-mail address: personal data stays in members-service. */
public record MemberJoined(UUID networkId, UUID memberId, String displayName, String organisation,
                           Constituency constituency, List<String> interests, List<Role> roles, JoinRoute route,
                           Instant joinedAt) {
}
