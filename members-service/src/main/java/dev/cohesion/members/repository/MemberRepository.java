package dev.cohesion.members.repository;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.members.domain.Member;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    /** Filters of the member directory; null fields do not filter. */
    public record DirectoryFilter(Set<MemberStatus> statuses, Constituency constituency, String organisation,
                                  String interest) {
    }

    public Uni<Member> inNetwork(UUID networkId, UUID memberId) {
        return find("networkId = ?1 and id = ?2", networkId, memberId).firstResult();
    }

    /** The membership the person (an issuer's subject) holds in the network, or null. */
    public Uni<Member> byPerson(UUID networkId, Identity person) {
        return find("networkId = ?1 and issuer = ?2 and subject = ?3", networkId, person.issuer(), person.subject()).firstResult();
    }

    /** The networks in which the person (an issuer's subject) holds a membership. */
    public Uni<List<UUID>> networksOf(Identity person) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select networkId from Member where issuer = :issuer and subject = :subject", UUID.class)
                .setParameter("issuer", person.issuer()).setParameter("subject", person.subject()).getResultList());
    }

    public Uni<List<Member>> directory(UUID networkId, DirectoryFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("networkId = :network and status in :statuses");
        Parameters params = Parameters.with("network", networkId).and("statuses", filter.statuses());
        if (filter.constituency() != null) {
            where.append(" and constituency = :constituency");
            params.and("constituency", filter.constituency());
        }
        if (filter.organisation() != null) {
            where.append(" and lower(organisation) = lower(:organisation)");
            params.and("organisation", filter.organisation());
        }
        if (filter.interest() != null) {
            where.append(" and array_contains(interests, :interest)");
            params.and("interest", filter.interest());
        }
        if (page.afterId() != null) {
            where.append(" and id > :after");
            params.and("after", page.afterId());
        }
        return find(where + " order by id", params).page(0, page.fetch()).list();
    }

    /**
     * Erasure: deletes the outbox rows of the retired event types that carried the member's profile
     * (member-joined.v1, member-profile-changed.v1), published or not.
     */
    public Uni<Void> forgetRetiredEvents(UUID memberId) {
        return getSession().chain(s -> s.createNativeQuery("""
                        delete from outbox_event where event_type in (:types) and strpos(envelope, :member) > 0""")
                .setParameter("types", List.of(MembersEvents.MEMBER_JOINED_V1.name(), MembersEvents.MEMBER_PROFILE_CHANGED.name()))
                .setParameter("member", memberId.toString()).executeUpdate()).replaceWithVoid();
    }

    public Uni<Long> countActiveOrganisers(UUID networkId) {
        return count("networkId = ?1 and organiser = true and status = ?2", networkId, MemberStatus.ACTIVE);
    }

    public Uni<Long> countActive(UUID networkId) {
        return count("networkId = ?1 and status = ?2", networkId, MemberStatus.ACTIVE);
    }

    /** Suspensions whose end has come, oldest first. */
    /**
     * Members who left, were removed or were declined, whose record has not changed for longer than their network
     * keeps a departed member's profile (its {@code departed_profile_days}), and are not erased yet. The last change
     * of the record, not {@code left_at}: a member who left, applied again and was declined keeps an old
     * {@code left_at}.
     */
    public Uni<List<Member>> departedBefore(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery("""
                        select m.* from member m join network n on n.id = m.network_id
                        where m.erased_at is null and m.status in ('LEFT', 'REMOVED', 'DECLINED')
                          and m.updated_at < cast(:now as timestamptz) - make_interval(days => n.departed_profile_days)
                        order by m.id limit :limit""", Member.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList());
    }

    public Uni<List<Member>> suspensionsEndedBy(Instant now, int limit) {
        return find("status = ?1 and suspendedUntil <= ?2 order by suspendedUntil, id", MemberStatus.SUSPENDED, now)
                .page(0, limit).list();
    }
}
