package dev.cohesion.members.repository;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.NoticeKind;
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

    /** One row of {@link #countsAmongActive}: Hibernate builds it from the selected columns by its constructor. */
    record StanceCount(Stance stance, Long count) {
    }

    /** Stances of the members who are active now, by kind: who left no longer counts. */
    public Uni<Map<Stance, Long>> countsAmongActive(UUID purposeId) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select st.stance, count(st) from StanceRecord st, Member m "
                                + "where st.purposeId = :purpose and m.id = st.memberId and m.status = :active "
                                + "group by st.stance", StanceCount.class)
                .setParameter("purpose", purposeId).setParameter("active", MemberStatus.ACTIVE).getResultList())
                .map(rows -> {
                    Map<Stance, Long> counts = new EnumMap<>(Stance.class);
                    for (Stance s : Stance.values()) {
                        counts.put(s, 0L);
                    }
                    rows.forEach(r -> counts.put(r.stance(), r.count()));
                    return counts;
                });
    }

    /**
     * An active member who did not endorse a purpose version: an objection (with its reason) or no stance at all.
     * Hibernate builds it from the selected columns by its constructor.
     */
    public record NotEndorsing(UUID memberId, String displayName, Stance stance, String reason, Instant recordedAt,
                               Instant askedToReconsiderAt) {
    }

    /**
     * The active members who objected to the purpose version or took no stance on it, by member id; {@code only}
     * narrows to the objectors ("OBJECT") or the silent ("NONE"). Each says when the member was asked to reconsider.
     */
    public Uni<List<NotEndorsing>> notEndorsing(UUID networkId, UUID purposeId, String only, PageRequest page) {
        boolean silentOnly = "NONE".equals(only);
        String which = "OBJECT".equals(only) ? "st.stance = :object" : silentOnly ? "st.id is null" : "(st.id is null or st.stance = :object)";
        return getSession().chain(s -> {
            var query = s.createSelectionQuery("select m.id, m.displayName, st.stance, st.reason, st.recordedAt, n.createdAt from Member m "
                            + "left join StanceRecord st on st.memberId = m.id and st.purposeId = :purpose "
                            + "left join Notice n on n.memberId = m.id and n.kind = :reconsider and n.about = :about "
                            + "where m.networkId = :network and m.status = :active and " + which + " and m.id > :after order by m.id",
                    NotEndorsing.class).setParameter("purpose", purposeId).setParameter("network", networkId)
                    .setParameter("active", MemberStatus.ACTIVE).setParameter("after", page.afterIdOrFirst())
                    .setParameter("reconsider", NoticeKind.RECONSIDER_PURPOSE).setParameter("about", "purposes/" + purposeId);
            if (!silentOnly) {
                query.setParameter("object", Stance.OBJECT);
            }
            return query.setMaxResults(page.fetch()).getResultList();
        });
    }

    public Uni<List<StanceRecord>> page(UUID purposeId, PageRequest page) {
        return page.afterId() == null
                ? find("purposeId = ?1 order by id", purposeId).page(0, page.fetch()).list()
                : find("purposeId = ?1 and id > ?2 order by id", purposeId, page.afterId()).page(0, page.fetch()).list();
    }
}
