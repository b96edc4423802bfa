package dev.cohesion.kit.api.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller: its subject, whether it administers the platform, and its grant per network.
 */
public record Caller(String subject, boolean admin, Map<UUID, Grant> grants) {

    /** What the caller may do in one network: its roles, its member id there, and for partners its scopes. */
    public record Grant(Set<NetworkRole> roles, UUID memberId, Set<String> scopes) {
        public boolean has(NetworkRole role) {
            return roles.contains(role);
        }
    }

    public Optional<Grant> grant(UUID networkId) {
        return Optional.ofNullable(grants.get(networkId));
    }

    public boolean is(UUID networkId, NetworkRole role) {
        return grant(networkId).map(g -> g.has(role)).orElse(false);
    }

    /** The caller's member id in the network, if it is a member there. */
    public Optional<UUID> memberId(UUID networkId) {
        return grant(networkId).map(Grant::memberId);
    }
}
