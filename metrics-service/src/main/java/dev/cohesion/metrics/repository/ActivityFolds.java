package dev.cohesion.metrics.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The retention's statements (docs/engagement-model.md#retention): each network's fold line, and folding the raw
 * activities behind a new line into {@code member_fold} before their rows go. Statements run in the caller's session
 * and transaction.
 */
@ApplicationScoped
public class ActivityFolds {

    /** The advisory lock key every fold and the rebuild take. */
    public static final String ALL_FOLDS_LOCK = "hashtextextended('fold:all', 0)";

    private static final Columns RETENTION = Columns.of("id", "raw_activity_months", "folded_before");

    /** A network's retention of raw activities, and the line its activities were folded before (null: never). */
    public record Retention(UUID networkId, int rawActivityMonths, Instant foldedBefore) {
    }

    public Uni<List<Retention>> networks() {
        return Sql.rows("select " + RETENTION + " from network order by id")
                .map(rows -> RETENTION.map(rows, r -> new Retention(r.uuid("id"), r.integer("raw_activity_months"), r.instant("folded_before"))));
    }

    /**
     * Takes, until the transaction ends, the lock of all folds (one fold at a time, none during a rebuild) and the
     * network's exclusive lock (ingestion holds it shared, {@link ActivityStore#holdFoldLines}).
     */
    public Uni<Void> lock(UUID networkId) {
        return Sql.column("select count(*) from (select pg_advisory_xact_lock(" + ALL_FOLDS_LOCK + ")) held", Long.class)
                .chain(() -> Sql.column("select count(*) from (select pg_advisory_xact_lock(" + ActivityStore.NETWORK_LOCK
                        + ") from network n where n.id = :n) held", Long.class, "n", networkId))
                .replaceWithVoid();
    }

    /**
     * Folds the network's activities that occurred before {@code line} into their members' folds, deletes them, and
     * moves the line (forward only); returns how many activities were folded.
     */
    public Uni<Integer> fold(UUID networkId, Instant line, Instant now) {
        return Sql.column("""
                with gone as (
                    delete from activity where network_id = :n and occurred_at < :line
                    returning member_id, weight, occurred_at),
                sums as (
                    select member_id, count(*) as activities, min(occurred_at) as first, max(occurred_at) as last,
                           sum(weight * power(2, greatest(-1000, -extract(epoch from (:line - occurred_at)) / (h.days * 86400)))) as p
                    from gone, (select half_life_days as days from network where id = :n) h group by member_id),
                folded as (
                    insert into member_fold as f (member_id, network_id, participation, participation_at, first_activity_at,
                                                  last_activity_at, activities)
                    select member_id, :n, p, :line, first, last, activities from sums
                    on conflict (member_id) do update set
                        participation = f.participation * power(2, greatest(-1000, -extract(epoch from (excluded.participation_at
                            - f.participation_at)) / ((select half_life_days from network where id = :n) * 86400))) + excluded.participation,
                        participation_at = excluded.participation_at,
                        first_activity_at = least(f.first_activity_at, excluded.first_activity_at),
                        last_activity_at = greatest(f.last_activity_at, excluded.last_activity_at),
                        activities = f.activities + excluded.activities
                    returning member_id)
                select count(*) from gone""", Long.class, "n", networkId, "line", line)
                .chain(rows -> Sql.update("""
                        update network set folded_before = :line, folded_at = :now
                        where id = :n and (folded_before is null or folded_before < :line)""", "line", line, "now", now, "n", networkId)
                        .replaceWith(rows.get(0).intValue()));
    }
}
