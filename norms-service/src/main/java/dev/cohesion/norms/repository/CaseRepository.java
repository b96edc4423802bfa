package dev.cohesion.norms.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.CaseHistory;
import dev.cohesion.norms.domain.CaseStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class CaseRepository implements PanacheRepositoryBase<BreachCase, UUID> {

    public Uni<BreachCase> inNetwork(UUID networkId, UUID caseId) {
        return find("networkId = ?1 and id = ?2", networkId, caseId).firstResult();
    }

    public Uni<List<BreachCase>> page(UUID networkId, CaseStatus status, UUID involving, PageRequest page) {
        StringBuilder where = new StringBuilder("networkId = :network");
        Parameters p = Parameters.with("network", networkId);
        if (status != null) {
            where.append(" and status = :status");
            p.and("status", status);
        }
        if (involving != null) {
            where.append(" and (subjectMemberId = :member or reporterMemberId = :member)");
            p.and("member", involving);
        }
        if (page.afterId() != null) {
            where.append(" and id > :after");
            p.and("after", page.afterId());
        }
        return find(where + " order by id", p).page(0, page.fetch()).list();
    }

    public Uni<List<CaseHistory>> history(UUID caseId) {
        return getSession().chain(s -> s.createSelectionQuery("from CaseHistory where caseId = :case order by at, id",
                CaseHistory.class).setParameter("case", caseId).getResultList());
    }
}
