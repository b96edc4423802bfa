package dev.cohesion.members.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.MemberLink;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class MemberLinkRepository implements PanacheRepositoryBase<MemberLink, UUID> {

    /** The member's links in force, oldest first. */
    public Uni<List<MemberLink>> inForce(UUID memberId) {
        return find("memberId = ?1 and revokedAt is null order by id", memberId).list();
    }

    /** The member's links, revoked ones included. */
    public Uni<List<MemberLink>> ofMember(UUID memberId, PageRequest page) {
        return find("memberId = ?1 and id > ?2 order by id", memberId, page.afterIdOrFirst()).page(0, page.fetch()).list();
    }

    /** The partner's links in force. */
    public Uni<List<MemberLink>> ofPartner(UUID partnerId, PageRequest page) {
        return find("partnerId = ?1 and revokedAt is null and id > ?2 order by id", partnerId, page.afterIdOrFirst())
                .page(0, page.fetch()).list();
    }

    /** The partner's link in force for the external id, or for the member; null if none. */
    public Uni<MemberLink> current(UUID partnerId, String externalId, UUID memberId) {
        return find("partnerId = ?1 and revokedAt is null and (externalId = ?2 or memberId = ?3)", partnerId, externalId, memberId)
                .firstResult();
    }
}
