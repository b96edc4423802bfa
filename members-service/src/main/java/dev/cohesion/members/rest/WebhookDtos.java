package dev.cohesion.members.rest;

import dev.cohesion.members.domain.WebhookEventType;
import dev.cohesion.members.domain.WebhookSubscription;
import dev.cohesion.members.repository.WebhookDeliveryRepository;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of partners' webhooks (docs/partners.md). */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    @Schema(name = "WebhookSubscriptionRequest", description = "Where to deliver which of the network's events.")
    public record Subscription(
            @NotBlank @Size(max = 2000) @Schema(description = "An https URL whose host resolves to public addresses",
                    example = "https://hooks.ethics-forum.example/cohesion") String url,
            @NotNull @Size(min = 1, max = 20) List<@NotNull WebhookEventType> eventTypes) {
    }

    @Schema(name = "WebhookSubscriptionChange", description = "A new target or types; `active` false stops deliveries "
            + "(they queue up), true resumes them, a subscription disabled after failures included.")
    public record Change(
            @NotBlank @Size(max = 2000) @Schema(example = "https://hooks.ethics-forum.example/cohesion") String url,
            @NotNull @Size(min = 1, max = 20) List<@NotNull WebhookEventType> eventTypes,
            @NotNull Boolean active) {
    }

    @Schema(name = "WebhookSubscription", description = "A partner's webhook endpoint in the network. The secret is never shown again after it was made.")
    public record View(UUID id, UUID networkId, UUID partnerId, String url, List<WebhookEventType> eventTypes,
                       boolean active,
                       @Schema(description = "Why deliveries stopped, when they did") String disabledReason, Instant disabledAt,
                       @Schema(description = "Until when the secret before the last rotation also signs") Instant previousSecretUntil,
                       UUID createdBy, Instant createdAt,
                       @Schema(description = "Also the ETag", example = "1") long version) {

        public static View of(WebhookSubscription s) {
            return new View(s.id, s.networkId, s.partnerId, s.url, s.types(), s.active(), s.disabledReason, s.disabledAt,
                    s.previousSecretUntil, s.createdBy, s.createdAt, s.version);
        }
    }

    @Schema(name = "WebhookSecret", description = "A subscription with its new signing secret, shown only in this answer.")
    public record WithSecret(View subscription,
                             @Schema(description = "Standard Webhooks secret: `whsec_` and the base64 of the key",
                                     example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    @Schema(name = "WebhookReplayRange", description = "Deliver again what occurred from `from` (inclusive) to `to` (exclusive).")
    public record ReplayRange(@NotNull Instant from, @NotNull Instant to) {
    }

    @Schema(name = "WebhookReplay", description = "How many deliveries were queued again, at the end of the subscription's queue.")
    public record Replayed(int queued) {
    }

    @Schema(name = "WebhookDeliveryAttempt")
    public record Attempt(int attempt, Instant attemptedAt,
                          @Schema(description = "The target's HTTP status; absent when no answer came") Integer statusCode,
                          @Schema(description = "Why the attempt failed; absent when it succeeded") String error,
                          int latencyMs) {
    }

    @Schema(name = "WebhookDelivery", description = "One event for one subscription: its state and every attempt.")
    public record Delivery(UUID id,
                           @Schema(description = "The webhook-id header: the same on every attempt and replay", example = "msg_0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d11") String messageId,
                           UUID eventId, WebhookEventType eventType, Instant occurredAt,
                           @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"}) String status,
                           int attempts,
                           @Schema(description = "When it is tried next, while pending") Instant nextAttemptAt,
                           @Schema(description = "The delivery this one replays") UUID replayOf,
                           Instant createdAt, Instant finishedAt, List<Attempt> log) {

        public static Delivery of(WebhookDeliveryRepository.Delivery d) {
            return new Delivery(d.id(), d.messageId(), d.eventId(), WebhookEventType.valueOf(d.eventType()), d.occurredAt(), d.status(), d.attempts(),
                    "PENDING".equals(d.status()) ? d.nextAttemptAt() : null, d.replayOf(), d.createdAt(), d.finishedAt(),
                    d.log().stream().map(a -> new Attempt(a.attempt(), a.attemptedAt(), a.statusCode(), a.error(), a.latencyMs())).toList());
        }
    }
}
