package dev.cohesion.members.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.Purpose;
import dev.cohesion.members.domain.PurposeStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PurposeRepository implements PanacheRepositoryBase<Purpose, UUID> {

    public Uni<Purpose> inNetwork(UUID networkId, UUID purposeId) {
        return find("networkId = ?1 and id = ?2", networkId, purposeId).firstResult();
    }

    /** The adopted purpose, if any. */
    public Uni<Purpose> current(UUID networkId) {
        return find("networkId = ?1 and status = ?2", networkId, PurposeStatus.ADOPTED).firstResult();
    }

    public Uni<List<Purpose>> page(UUID networkId, PageRequest page) {
        return page.afterId() == null
                ? find("networkId = ?1 order by id", networkId).page(0, page.fetch()).list()
                : find("networkId = ?1 and id > ?2 order by id", networkId, page.afterId()).page(0, page.fetch()).list();
    }

    public Uni<Integer> nextNumber(UUID networkId) {
        return find("select coalesce(max(number), 0) + 1 from Purpose where networkId = ?1", networkId)
                .project(Integer.class).firstResult();
    }

    /** Ids of consultations whose closing time has passed. */
    public Uni<List<UUID>> dueToClose(Instant now, int limit) {
        return find("select id from Purpose where status = ?1 and closesAt <= ?2 order by closesAt",
                PurposeStatus.IN_CONSULTATION, now).project(UUID.class).page(0, limit).list();
    }
}
