package dev.cohesion.norms.repository;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.Sanction;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sanctions and their appeals. */
@ApplicationScoped
@WithSession
public class SanctionRepository implements PanacheRepositoryBase<Sanction, UUID> {

    public Uni<Sanction> inNetwork(UUID networkId, UUID sanctionId) {
        return find("networkId = ?1 and id = ?2", networkId, sanctionId).firstResult();
    }

    /** The member's sanctions that still count on the ladder: applied since the cut-off, not expunged. */
    public Uni<List<Sanction>> counting(UUID networkId, UUID memberId, Instant since) {
        return list("networkId = ?1 and memberId = ?2 and appliedAt >= ?3 and expunged = false order by appliedAt",
                networkId, memberId, since);
    }

    public Uni<Long> suspensionsCounting(UUID networkId, UUID memberId, Instant since) {
        return count("networkId = ?1 and memberId = ?2 and appliedAt >= ?3 and expunged = false and rung = ?4",
                networkId, memberId, since, SanctionRung.TEMPORARY_SUSPENSION);
    }

    public Uni<List<Sanction>> page(UUID networkId, UUID memberId, PageRequest page) {
        StringBuilder where = new StringBuilder("networkId = :network");
        Parameters p = Parameters.with("network", networkId);
        if (memberId != null) {
            where.append(" and memberId = :member");
            p.and("member", memberId);
        }
        if (page.afterId() != null) {
            where.append(" and id > :after");
            p.and("after", page.afterId());
        }
        return find(where + " order by id", p).page(0, page.fetch()).list();
    }

    public Uni<Appeal> appealOf(UUID sanctionId) {
        return getSession().chain(s -> s.createSelectionQuery("from Appeal where sanctionId = :s", Appeal.class)
                .setParameter("s", sanctionId).getSingleResultOrNull());
    }

    public Uni<Appeal> appeal(UUID networkId, UUID appealId) {
        return getSession().chain(s -> s.createSelectionQuery("from Appeal where networkId = :n and id = :a", Appeal.class)
                .setParameter("n", networkId).setParameter("a", appealId).getSingleResultOrNull());
    }

    public Uni<List<Appeal>> appeals(UUID networkId, PageRequest page) {
        UUID after = page.afterIdOrFirst();
        return getSession().chain(s -> s.createSelectionQuery("from Appeal where networkId = :n and id > :after order by id",
                        Appeal.class).setParameter("n", networkId).setParameter("after", after)
                .setMaxResults(page.fetch()).getResultList());
    }
}
