package dev.cohesion.members.repository;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.Stance;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.StanceRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class StanceRepository implements PanacheRepositoryBase<StanceRecord, UUID> {

    public Uni<StanceRecord> of(UUID purposeId, UUID memberId) {
        return find("purposeId = ?1 and memberId = ?2", purposeId, memberId).firstResult();
    }

    /** Stances of the members who are active now, by kind: who left no longer counts. */
    public Uni<Map<Stance, Long>> countsAmongActive(UUID purposeId) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select st.stance, count(st) from StanceRecord st, Member m "
                                + "where st.purposeId = :purpose and m.id = st.memberId and m.status = :active "
                                + "group by st.stance", Object[].class)
                .setParameter("purpose", purposeId).setParameter("active", MemberStatus.ACTIVE).getResultList())
                .map(rows -> {
                    Map<Stance, Long> counts = new EnumMap<>(Stance.class);
                    for (Stance s : Stance.values()) {
                        counts.put(s, 0L);
                    }
                    rows.forEach(r -> counts.put((Stance) r[0], (Long) r[1]));
                    return counts;
                });
    }

    public Uni<List<StanceRecord>> page(UUID purposeId, PageRequest page) {
        return page.afterId() == null
                ? find("purposeId = ?1 order by id", purposeId).page(0, page.fetch()).list()
                : find("purposeId = ?1 and id > ?2 order by id", purposeId, page.afterId()).page(0, page.fetch()).list();
    }
}
