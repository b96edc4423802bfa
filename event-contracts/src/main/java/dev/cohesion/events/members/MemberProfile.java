package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's profile and sign-in identity as it stands now, on the compacted profiles topic (keyed by member id).
 * Erasure replaces it with a tombstone. {@code emailMatchKey} ({@link EmailMatchKey}) is present when the member lets
 * partners match them by their verified e-mail; {@code partnerLinks} are partners' own identifiers for them.
 */
public record MemberProfile(UUID networkId, UUID memberId, String displayName, String organisation,
                            Constituency constituency, List<String> interests, Principal principal, Instant updatedAt,
                            String emailMatchKey, List<PartnerLink> partnerLinks) {

    /** A profile that partners cannot match: no e-mail key, no links. */
    public MemberProfile(UUID networkId, UUID memberId, String displayName, String organisation, Constituency constituency,
                         List<String> interests, Principal principal, Instant updatedAt) {
        this(networkId, memberId, displayName, organisation, constituency, interests, principal, updatedAt, null, List.of());
    }
}
