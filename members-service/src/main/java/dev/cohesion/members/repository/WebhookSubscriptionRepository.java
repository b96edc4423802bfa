package dev.cohesion.members.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.WebhookSubscription;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    public Uni<WebhookSubscription> ofPartner(UUID networkId, UUID partnerId, UUID subscriptionId) {
        return find("networkId = ?1 and partnerId = ?2 and id = ?3", networkId, partnerId, subscriptionId).firstResult();
    }

    public Uni<List<WebhookSubscription>> page(UUID networkId, UUID partnerId, PageRequest page) {
        return find("networkId = ?1 and partnerId = ?2 and id > ?3 order by id", networkId, partnerId, page.afterIdOrFirst())
                .page(0, page.fetch()).list();
    }

    /**
     * The subscriptions of the network whose partner is in force, with the partner's scopes; disabled ones too, so
     * that their deliveries wait for them to be enabled again.
     */
    public Uni<List<Subscriber>> subscribers(UUID networkId) {
        return getSession().chain(s -> s.createSelectionQuery("select new dev.cohesion.members.repository.WebhookSubscriptionRepository$Subscriber("
                        + "w.id, w.eventTypes, w.createdAt, p.scopes) from WebhookSubscription w, Partner p "
                        + "where p.id = w.partnerId and p.revokedAt is null and w.networkId = :network", Subscriber.class)
                .setParameter("network", networkId).getResultList());
    }

    public record Subscriber(UUID subscriptionId, String[] eventTypes, java.time.Instant createdAt, String[] partnerScopes) {
    }
}
