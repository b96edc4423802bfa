package dev.cohesion.members.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.members.domain.Partner;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    public Uni<Partner> inNetwork(UUID networkId, UUID partnerId) {
        return find("networkId = ?1 and id = ?2", networkId, partnerId).firstResult();
    }

    /** The registration in force of the client in the network, or null. */
    public Uni<Partner> current(UUID networkId, String issuer, String clientId) {
        return find("networkId = ?1 and issuer = ?2 and clientId = ?3 and revokedAt is null", networkId, issuer, clientId)
                .firstResult();
    }

    /** The networks the partner's client is registered for. */
    public Uni<List<UUID>> networksOf(Identity client) {
        return getSession().chain(s -> s.createSelectionQuery("select networkId from Partner where issuer = :issuer "
                        + "and clientId = :client and revokedAt is null", UUID.class)
                .setParameter("issuer", client.issuer()).setParameter("client", client.clientId()).getResultList());
    }

    public Uni<List<Partner>> page(UUID networkId, PageRequest page) {
        return find("networkId = ?1 and id > ?2 order by id", networkId, page.afterIdOrFirst()).page(0, page.fetch()).list();
    }

    /** Revoked partners whose created client is not disabled yet (a failed call after the revocation). */
    public Uni<List<Partner>> revokedWithClientEnabled() {
        return find("clientProvisioned = true and revokedAt is not null and clientDisabledAt is null").page(0, 100).list();
    }

    public Uni<Integer> clientDisabled(UUID partnerId, Instant at) {
        return update("clientDisabledAt = ?1 where id = ?2", at, partnerId);
    }

    /** Those of the ids that a registration has, revoked or not. */
    public Uni<Set<UUID>> existing(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(s -> s.createSelectionQuery("select id from Partner where id in :ids", UUID.class)
                .setParameter("ids", ids).getResultList()).map(Set::copyOf);
    }
}
