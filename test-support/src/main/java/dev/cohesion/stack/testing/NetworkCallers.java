package dev.cohesion.stack.testing;

import java.util.UUID;

/**
 * A real network that the service under test knows, and a token for each kind of caller, as the service's records
 * (or its projections of members-service's) make them: an organiser, a member, partners registered with every scope
 * and with none, a person on record (a member who left), an authenticated stranger with no record in the network,
 * and the platform administrator. Each service's tests build one through their fixtures; the contract suites use it.
 * A service that no partner works with (norms-service) gives no partner tokens (null).
 */
public record NetworkCallers(UUID networkId, String organiser, String member, String partnerWithEveryScope,
                             String partnerWithoutScopes, String personOnRecord, String stranger, String admin) {
}
