package dev.cohesion.norms.repository;

import dev.cohesion.events.members.MemberStatus;
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
