package dev.cohesion.kit.api.security;

import io.smallrye.mutiny.Uni;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a service finds what a verified caller may do in a network: its own membership records (members-service)
 * or its projections of them (norms-service, metrics-service), which events keep current, and the partner
 * registry. Asked on every request to a network, so that a removal, a suspension or a revoked partner takes
 * effect on the caller's next request, not when the token expires.
 */
public interface AccessGrants {

    /** The caller's grant in the network, or empty when the caller has none there. */
    Uni<Optional<Caller.Grant>> grant(Identity caller, UUID networkId);
}
