package dev.cohesion.members.repository;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.Stance;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.StanceRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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

    /** An active member who did not endorse a purpose version: an objection (with its reason) or no stance at all. */
    public record NotEndorsing(UUID memberId, String displayName, Stance stance, String reason, Instant recordedAt) {
    }

    /**
     * The active members who objected to the purpose version or took no stance on it, by member id; {@code only}
     * narrows to the objectors ("OBJECT") or the silent ("NONE").
     */
    public Uni<List<NotEndorsing>> notEndorsing(UUID networkId, UUID purposeId, String only, PageRequest page) {
        boolean silentOnly = "NONE".equals(only);
        String which = "OBJECT".equals(only) ? "st.stance = :object" : silentOnly ? "st.id is null" : "(st.id is null or st.stance = :object)";
        return getSession().chain(s -> {
            var query = s.createSelectionQuery("select m.id, m.displayName, st.stance, st.reason, st.recordedAt from Member m "
                            + "left join StanceRecord st on st.memberId = m.id and st.purposeId = :purpose "
                            + "where m.networkId = :network and m.status = :active and " + which + " and m.id > :after order by m.id",
                    Object[].class).setParameter("purpose", purposeId).setParameter("network", networkId)
                    .setParameter("active", MemberStatus.ACTIVE).setParameter("after", page.afterIdOrFirst());
            if (!silentOnly) {
                query.setParameter("object", Stance.OBJECT);
            }
            return query.setMaxResults(page.fetch()).getResultList();
        }).map(rows -> rows.stream().map(r -> new NotEndorsing((UUID) r[0], (String) r[1], (Stance) r[2], (String) r[3],
                (Instant) r[4])).toList());
    }

    public Uni<List<StanceRecord>> page(UUID purposeId, PageRequest page) {
        return page.afterId() == null
                ? find("purposeId = ?1 order by id", purposeId).page(0, page.fetch()).list()
                : find("purposeId = ?1 and id > ?2 order by id", purposeId, page.afterId()).page(0, page.fetch()).list();
    }
}
