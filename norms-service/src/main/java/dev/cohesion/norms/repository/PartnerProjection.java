package dev.cohesion.norms.repository;

import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerRevoked;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import static io.quarkus.hibernate.reactive.panache.Panache.getSession;

/** The partners registered for each network, as members-service's events say (read by {@link Grants}). */
@ApplicationScoped
@WithSession
public class PartnerProjection {

    /** A registration, or new scopes for it (the event is sent again when an organiser changes them). */
    public Uni<Void> registered(PartnerRegistered p) {
        return getSession().chain(s -> s.createNativeQuery("""
                        insert into partner (id, network_id, issuer, client_id, scopes) values (:id, :network, :issuer, :client,
                            string_to_array(:scopes, ','))
                        on conflict (id) do update set scopes = excluded.scopes""")
                .setParameter("id", p.partnerId()).setParameter("network", p.networkId()).setParameter("issuer", p.issuer())
                .setParameter("client", p.clientId())
                .setParameter("scopes", String.join(",", p.scopes().stream().map(Enum::name).toList()))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> revoked(PartnerRevoked p) {
        return getSession().chain(s -> s.createNativeQuery("update partner set revoked_at = :at where id = :id and network_id = :network")
                .setParameter("at", p.revokedAt()).setParameter("id", p.partnerId()).setParameter("network", p.networkId())
                .executeUpdate()).replaceWithVoid();
    }
}
