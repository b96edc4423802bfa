package dev.cohesion.events.members;

import java.util.UUID;

/** A partner's own identifier for a member, linked to the member (docs/partners.md#members-by-your-own-identifiers). */
public record PartnerLink(UUID partnerId, String externalId) {
}
