package dev.cohesion.norms.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.norms.domain.ChangeStatus;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.ReviewSuggestion;
import dev.cohesion.norms.domain.Vote;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Norm-change proposals, their votes, and the review suggestions that may open them. */
@ApplicationScoped
@WithSession
public class ChangeRepository implements PanacheRepositoryBase<NormChange, UUID> {

    public Uni<NormChange> inNetwork(UUID networkId, UUID changeId) {
        return find("networkId = ?1 and id = ?2", networkId, changeId).firstResult();
    }

    public Uni<List<NormChange>> page(UUID networkId, PageRequest page) {
        UUID after = page.afterIdOrFirst();
        return find("networkId = ?1 and id > ?2 order by id", networkId, after).page(0, page.fetch()).list();
    }

    public Uni<List<UUID>> dueToClose(Instant now, int limit) {
        return find("select id from NormChange where status = ?1 and closesAt <= ?2 order by closesAt",
                ChangeStatus.VOTING, now).project(UUID.class).page(0, limit).list();
    }

    /** Open votes closing before {@code until} whose reminder was not asked for yet. */
    public Uni<List<NormChange>> dueForReminder(Instant now, Instant until, int limit) {
        return find("status = ?1 and closingRemindedAt is null and closesAt > ?2 and closesAt <= ?3 order by closesAt",
                ChangeStatus.VOTING, now, until).page(0, limit).list();
    }

    /**
     * Marks the reminder asked for; 0 when another instance did it first, or when the vote was closed meanwhile (a
     * reminder published after its decision would reach the voters too: members-service forgets them then).
     */
    public Uni<Integer> markReminded(UUID changeId, Instant now) {
        return update("closingRemindedAt = ?1 where id = ?2 and closingRemindedAt is null and status = ?3", now, changeId,
                ChangeStatus.VOTING);
    }

    public Uni<Vote> vote(UUID changeId, UUID memberId) {
        return getSession().chain(s -> s.createSelectionQuery("from Vote where changeId = :c and memberId = :m", Vote.class)
                .setParameter("c", changeId).setParameter("m", memberId).getSingleResultOrNull());
    }

    /** Votes of the members active now, by choice. */
    public Uni<Map<Vote.Choice, Integer>> countsAmongActive(UUID changeId) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select v.choice, count(v) from Vote v, MemberRecord m where v.changeId = :c and m.id = v.memberId "
                                + "and m.status = dev.cohesion.events.members.MemberStatus.ACTIVE group by v.choice", Object[].class)
                .setParameter("c", changeId).getResultList()).map(rows -> {
                    Map<Vote.Choice, Integer> counts = new EnumMap<>(Vote.Choice.class);
                    for (Vote.Choice c : Vote.Choice.values()) {
                        counts.put(c, 0);
                    }
                    rows.forEach(r -> counts.put((Vote.Choice) r[0], ((Long) r[1]).intValue()));
                    return counts;
                });
    }

    public Uni<ReviewSuggestion> suggestion(UUID networkId, UUID id) {
        return getSession().chain(s -> s.createSelectionQuery("from ReviewSuggestion where networkId = :n and id = :id",
                ReviewSuggestion.class).setParameter("n", networkId).setParameter("id", id).getSingleResultOrNull());
    }

    public Uni<List<ReviewSuggestion>> suggestions(UUID networkId, PageRequest page) {
        UUID after = page.afterIdOrFirst();
        return getSession().chain(s -> s.createSelectionQuery(
                        "from ReviewSuggestion where networkId = :n and id > :after order by id", ReviewSuggestion.class)
                .setParameter("n", networkId).setParameter("after", after).setMaxResults(page.fetch()).getResultList());
    }
}
