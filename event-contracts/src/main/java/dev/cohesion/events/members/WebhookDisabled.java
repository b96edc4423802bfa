package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner's webhook subscription stopped receiving deliveries because one kept failing through every retry (or an
 * organiser disabled it): the organisers learn it from this event, the partner from the subscription's state.
 */
public record WebhookDisabled(UUID networkId, UUID partnerId, UUID subscriptionId, String reason, Instant disabledAt) {
}
