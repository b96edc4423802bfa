package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's profile and sign-in identity as it stands now, on the compacted profiles topic (keyed by member id).
 * Erasure replaces it with a tombstone.
 */
public record MemberProfile(UUID networkId, UUID memberId, String displayName, String organisation,
                            Constituency constituency, List<String> interests, Principal principal, Instant updatedAt) {
}
