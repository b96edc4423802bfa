package dev.cohesion.members.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.WebhookDisabled;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.config.WebhooksConfig;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.domain.WebhookEventType;
import dev.cohesion.members.domain.WebhookSignature;
import dev.cohesion.members.domain.WebhookSubscription;
import dev.cohesion.members.repository.PartnerRepository;
import dev.cohesion.members.repository.WebhookDeliveryRepository;
import dev.cohesion.members.repository.WebhookSubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Partners' webhook subscriptions (docs/partners.md): organisers create and change them for a partner in force; the
 * partner itself and the organisers read them, rotate the secret, read the delivery log and ask for replays. A
 * secret is shown once, when it is made.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    /** Subscriptions one partner may have in one network. */
    static final int MAX_PER_PARTNER = 10;

    /** A subscription and, right after it was made or rotated, its new secret. */
    public record WithSecret(WebhookSubscription subscription, String secret) {
    }

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final PartnerRepository partners;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final WebhooksConfig config;

    WebhookSubscriptions(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                         PartnerRepository partners, Outbox outbox, AuditLog audit, Clock clock, WebhooksConfig config) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.partners = partners;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** What the audit log keeps of a subscription: where it delivers, what, and whether it does. */
    public record Target(String url, List<String> eventTypes, String status) {
        static Target of(WebhookSubscription s) {
            return new Target(s.url, List.of(s.eventTypes), s.status);
        }
    }

    /** What a replay queued again. */
    public record Replay(UUID deliveryId, Instant from, Instant to, int queued) {
        static Replay of(UUID deliveryId, Instant from, Instant to, int queued) {
            return new Replay(deliveryId, from, to, queued);
        }
    }

    @WithTransaction
    public Uni<WithSecret> create(UUID networkId, UUID partnerId, UUID organiser, URI url, List<WebhookEventType> types) {
        return partnerInForce(networkId, partnerId).chain(p -> subscriptions.count("networkId = ?1 and partnerId = ?2", networkId, partnerId)
                .chain(count -> {
                    if (count >= MAX_PER_PARTNER) {
                        throw ProblemException.conflict("Partner " + partnerId + " has " + MAX_PER_PARTNER
                                + " webhook subscriptions in this network already; change one instead.");
                    }
                    requireScopes(p, types);
                    WebhookSubscription s = new WebhookSubscription();
                    s.id = Ids.next();
                    s.networkId = networkId;
                    s.partnerId = partnerId;
                    s.url = url.toString();
                    s.eventTypes = names(types);
                    s.secret = WebhookSignature.newSecret();
                    s.status = WebhookSubscription.Status.ACTIVE.name();
                    s.createdBy = organiser;
                    s.createdAt = clock.instant();
                    return subscriptions.persist(s)
                            .chain(() -> audit.record(networkId, "webhook.created", "webhook-subscription", s.id, null, Target.of(s)))
                            .replaceWith(new WithSecret(s, s.secret));
                }));
    }

    /** New target or types, or enabled or disabled by hand (a disabled one resumes where its queue stopped). */
    @WithTransaction
    public Uni<WebhookSubscription> change(UUID networkId, UUID partnerId, UUID subscriptionId, String ifMatch, URI url,
                                           List<WebhookEventType> types, boolean active, UUID organiser) {
        return partnerInForce(networkId, partnerId).chain(p -> subscription(networkId, partnerId, subscriptionId).chain(s -> {
            ETags.require(ifMatch, s.version);
            requireScopes(p, types);
            Target before = Target.of(s);
            s.url = url.toString();
            s.eventTypes = names(types);
            Uni<Void> change;
            if (active && !s.active()) {
                s.enable();
                change = subscriptions.flush();
            } else if (!active && s.active()) {
                change = disable(s, "disabled by organiser " + organiser, clock.instant()).chain(subscriptions::flush);
            } else {
                change = subscriptions.flush();
            }
            return change.chain(() -> audit.record(networkId, "webhook.changed", "webhook-subscription", s.id, before, Target.of(s)))
                    .replaceWith(s);
        }));
    }

    /** A new secret signs from now on; the one it replaces also signs for the overlap. */
    @WithTransaction
    public Uni<WithSecret> rotate(UUID networkId, UUID partnerId, UUID subscriptionId) {
        return partnerInForce(networkId, partnerId).chain(p -> subscription(networkId, partnerId, subscriptionId)).chain(s -> {
            String secret = WebhookSignature.newSecret();
            s.rotate(secret, clock.instant().plus(config.rotationOverlap()));
            return subscriptions.flush()
                    .chain(() -> audit.record(networkId, "webhook.secret-rotated", "webhook-subscription", s.id, null, null))
                    .replaceWith(new WithSecret(s, secret));
        });
    }

    @WithSession
    public Uni<WebhookSubscription> subscription(UUID networkId, UUID partnerId, UUID subscriptionId) {
        return subscriptions.ofPartner(networkId, partnerId, subscriptionId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("webhook subscription", subscriptionId));
    }

    @WithSession
    public Uni<List<WebhookSubscription>> list(UUID networkId, UUID partnerId, PageRequest page) {
        return partner(networkId, partnerId).chain(p -> subscriptions.page(networkId, partnerId, page));
    }

    public Uni<List<WebhookDeliveryRepository.Delivery>> deliveries(UUID networkId, UUID partnerId, UUID subscriptionId,
                                                                   String status, Instant from, Instant to, long afterSeq, int limit) {
        return subscription(networkId, partnerId, subscriptionId)
                .chain(s -> deliveries.log(s.id, afterSeq, status, from, to, limit));
    }

    /** Queues one delivery again, or every delivery that occurred in [from, to); returns how many. */
    @WithTransaction
    public Uni<Integer> replay(UUID networkId, UUID partnerId, UUID subscriptionId, UUID deliveryId, Instant from, Instant to) {
        return subscription(networkId, partnerId, subscriptionId)
                .chain(s -> deliveries.replay(s.id, deliveryId, from, to, clock.instant(), config.maxReplay()))
                .invoke(n -> {
                    if (deliveryId != null && n == 0) {
                        throw ProblemException.notFound("webhook delivery", deliveryId);
                    }
                })
                .call(n -> audit.record(networkId, "webhook.replayed", "webhook-subscription", subscriptionId, null,
                        Replay.of(deliveryId, from, to, n)));
    }

    /** Disables the subscription and tells the organisers (event webhook-disabled), in the caller's transaction. */
    Uni<Void> disable(WebhookSubscription s, String reason, Instant at) {
        s.disable(reason, at);
        return outbox.add(MembersEvents.WEBHOOK_DISABLED, s.networkId, "partners/" + s.partnerId,
                new WebhookDisabled(s.networkId, s.partnerId, s.id, reason, at)).replaceWithVoid();
    }

    private Uni<Partner> partner(UUID networkId, UUID partnerId) {
        return partners.inNetwork(networkId, partnerId).onItem().ifNull().failWith(() -> ProblemException.notFound("partner", partnerId));
    }

    private Uni<Partner> partnerInForce(UUID networkId, UUID partnerId) {
        return partner(networkId, partnerId).invoke(p -> {
            if (p.revoked()) {
                throw ProblemException.conflict("Partner " + partnerId + " was revoked on " + p.revokedAt + "; it receives no webhooks.");
            }
        });
    }

    private static void requireScopes(Partner p, List<WebhookEventType> types) {
        for (WebhookEventType type : types) {
            if (!type.allowedFor(p.scopes)) {
                throw ProblemException.invalidField("eventTypes", type.wireName() + " needs the partner scope "
                        + type.scope().orElseThrow().value() + ", which partner " + p.id + " does not have");
            }
        }
    }

    private static String[] names(List<WebhookEventType> types) {
        return types.stream().distinct().map(Enum::name).toArray(String[]::new);
    }
}
