package dev.cohesion.events.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organiser registered a partner organisation's client for the network, with its scopes (again, on a change). */
public record PartnerRegistered(UUID networkId, UUID partnerId, String name, String issuer, String clientId,
                                List<PartnerScope> scopes, UUID registeredBy, Instant registeredAt) {
}
