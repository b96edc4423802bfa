package dev.cohesion.kit.api.security;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.PartnerScope;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller: its identity from the token, and its grant in the network of the request, as the
 * service's records give it ({@link AccessGrants}).
 */
public record Caller(Identity identity, Map<UUID, Grant> grants) {

    /** What the caller may do in one network: its roles, its member id there, and for partners its scopes. */
    public record Grant(Set<NetworkRole> roles, UUID memberId, Set<String> scopes) {

        /**
         * A person's grant from their membership record: an ACTIVE member (and organiser, if they organise) or a
         * SUSPENDED one (the rules check the status) is a member; anyone else on record (an applicant, a declined
         * applicant, a member who left or was removed) may only read and erase their own record.
         */
        public static Grant member(UUID memberId, MemberStatus status, boolean organiser) {
            Set<NetworkRole> roles = switch (status) {
                case ACTIVE -> organiser ? Set.of(NetworkRole.ORGANISER, NetworkRole.MEMBER) : Set.of(NetworkRole.MEMBER);
                case SUSPENDED -> Set.of(NetworkRole.MEMBER);
                default -> Set.of(NetworkRole.PERSON_ON_RECORD);
            };
            return new Grant(roles, memberId, Set.of());
        }

        /** A registered partner's grant, from its scopes' names as they are stored (ACTIVITIES_WRITE). */
        public static Grant partner(String... scopeNames) {
            Set<String> scopes = new java.util.HashSet<>();
            for (String name : scopeNames) {
                scopes.add(PartnerScope.valueOf(name).value());
            }
            return new Grant(Set.of(NetworkRole.PARTNER), null, Set.copyOf(scopes));
        }

        public boolean has(NetworkRole role) {
            return roles.contains(role);
        }
    }

    public String issuer() {
        return identity.issuer();
    }

    public String subject() {
        return identity.subject();
    }

    public boolean admin() {
        return identity.admin();
    }

    public Instant expiresAt() {
        return identity.expiresAt();
    }

    public Optional<Grant> grant(UUID networkId) {
        return Optional.ofNullable(grants.get(networkId));
    }

    public boolean is(UUID networkId, NetworkRole role) {
        return grant(networkId).map(g -> g.has(role)).orElse(false);
    }

    /** The caller's member id in the network, if it has a membership record there. */
    public Optional<UUID> memberId(UUID networkId) {
        return grant(networkId).map(Grant::memberId);
    }
}
