package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MemberRolesChanged(UUID networkId, UUID memberId, List<Role> roles, Instant changedAt) {
}
