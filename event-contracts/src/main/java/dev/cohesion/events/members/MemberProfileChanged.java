package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MemberProfileChanged(UUID networkId, UUID memberId, String displayName, String organisation,
                                   Constituency constituency, List<String> interests, Instant changedAt) {
}
