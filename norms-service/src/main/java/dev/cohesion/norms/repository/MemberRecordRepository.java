package dev.cohesion.norms.repository;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.norms.domain.MemberRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class MemberRecordRepository implements PanacheRepositoryBase<MemberRecord, UUID> {

    public Uni<MemberRecord> inNetwork(UUID networkId, UUID memberId) {
        return find("networkId = ?1 and id = ?2", networkId, memberId).firstResult();
    }

    /**
     * Who the member is and signs in as (the latest profile on members-service's profiles topic): the only personal
     * data norms-service holds about a member, apart from the free text they wrote.
     */
    public Uni<Void> linkIdentity(UUID networkId, UUID memberId, String issuer, String subject, String displayName) {
        return getSession().chain(s -> s.createNativeQuery("""
                        insert into member_identity (member_id, network_id, issuer, subject, display_name)
                        values (:member, :network, :issuer, :subject, :name)
                        on conflict (member_id) do update set issuer = excluded.issuer, subject = excluded.subject,
                            display_name = excluded.display_name""")
                .setParameter("member", memberId).setParameter("network", networkId).setParameter("issuer", issuer)
                .setParameter("subject", subject).setParameter("name", displayName).executeUpdate()).replaceWithVoid();
    }

    /** Who the member signs in as, as idempotency records name their client; null when unknown or erased. */
    public Uni<String> idempotencyClient(UUID memberId) {
        return getSession().chain(s -> s.createNativeQuery("select issuer, subject from member_identity where member_id = :member",
                        Object[].class).setParameter("member", memberId).getResultList())
                .map(rows -> rows.isEmpty() ? null : IdempotencyKeys.client((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** Nobody signs in as an erased member any more, and their name is forgotten. */
    public Uni<Void> unlinkIdentity(UUID memberId) {
        return getSession().chain(s -> s.createNativeQuery("delete from member_identity where member_id = :member")
                .setParameter("member", memberId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Long> countActive(UUID networkId) {
        return count("networkId = ?1 and status = ?2", networkId, MemberStatus.ACTIVE);
    }

    /** Active members who have (or have not) acknowledged the book version, in id order. */
    public Uni<List<MemberRecord>> byAcknowledgement(UUID networkId, int bookVersion, boolean acknowledged, PageRequest page) {
        String ack = "exists (select 1 from Acknowledgement a where a.networkId = m.networkId and a.memberId = m.id "
                + "and a.bookVersion = :version)";
        String where = "from MemberRecord m where m.networkId = :network and m.status = :active and "
                + (acknowledged ? "" : "not ") + ack + (page.afterId() != null ? " and m.id > :after" : "") + " order by m.id";
        var params = io.quarkus.panache.common.Parameters.with("network", networkId).and("active", MemberStatus.ACTIVE)
                .and("version", bookVersion);
        if (page.afterId() != null) {
            params.and("after", page.afterId());
        }
        return find(where, params).page(0, page.fetch()).list();
    }
}
