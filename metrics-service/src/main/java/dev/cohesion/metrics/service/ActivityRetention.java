package dev.cohesion.metrics.service;

import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.ActivityStore;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
import dev.cohesion.metrics.repository.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Retention by age of the raw activities (docs/engagement-model.md#retention): an activity that occurred more than
 * its network's {@code raw_activity_months} ago loses its row. Before the rows go, what they added to each member's
 * figures is added to {@code member_fold} (participation referenced at the line, count, first and last time); the
 * weekly sums keep them already. The line is a Monday, so a week is either wholly folded or wholly in rows, and it
 * only moves forward (a network is folded again only when its line moved on: weekly). One transaction per network, under that network's exclusive lock (ingestion holds it shared,
 * {@link ActivityIngestion#holdFoldLines}) and the lock of all folds (one instance folds at a time; {@link Rebuild}
 * takes it too and no fold runs while it replays). Idempotent: a second run at the same time finds nothing to fold.
 */
@ApplicationScoped
public class ActivityRetention {

    /** The advisory lock key every fold and the rebuild take. */
    static final String ALL_FOLDS_LOCK = "hashtextextended('fold:all', 0)";

    private static final Logger LOG = Logger.getLogger(ActivityRetention.class);

    private final Rebuild rebuild;
    private final Clock clock;
    private final MeterRegistry registry;
    private final java.time.Duration unmatchedWindow;

    ActivityRetention(Rebuild rebuild, Clock clock, MeterRegistry registry, MetricsConfig config) {
        this.rebuild = rebuild;
        this.clock = clock;
        this.registry = registry;
        this.unmatchedWindow = config.unmatchedWindow();
    }

    /**
     * Activities that waited for a link longer than cohesion.metrics.unmatched-window are dropped, logged and counted
     * ({@code cohesion.activities.unmatched.expired}): the partner saw them in its unmatched report all along.
     */
    @Scheduled(every = "${cohesion.metrics.retention-interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dropExpiredUnmatchedNow() {
        return dropExpiredUnmatched(clock.instant())
                .onFailure().invoke(e -> LOG.warnf("dropping expired unmatched activities failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Drops the activities that waited for a link longer than the window at {@code now}; returns how many. */
    public Uni<Integer> dropExpiredUnmatched(Instant now) {
        return Panache.withTransaction(() -> PartnerIdentifiers.expire(now.minus(unmatchedWindow)))
                .invoke(n -> {
                    if (n > 0) {
                        registry.counter("cohesion.activities.unmatched.expired").increment(n);
                        LOG.infof("retention: %d activities that named nobody for %s dropped", n, unmatchedWindow);
                    }
                });
    }

    @Scheduled(every = "${cohesion.metrics.retention-interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> foldNow() {
        return fold(clock.instant())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("retention: %d activities folded into the weekly sums", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("retention run failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Folds, in every network, the activities older than its retention at {@code now}; returns the rows deleted. */
    public Uni<Integer> fold(Instant now) {
        return Panache.withSession(() -> Sql.rows("select cast(id as text), raw_activity_months, folded_before from network order by id"))
                .chain(networks -> {
                    Uni<Integer> total = Uni.createFrom().item(0);
                    for (Object[] n : networks) {
                        UUID id = UUID.fromString((String) n[0]);
                        Instant line = line(now, ((Number) n[1]).intValue());
                        Instant drawn = EngagementInputs.instant(n[2]);
                        if (drawn == null || line.isAfter(drawn)) {
                            total = total.chain(sum -> Panache.withTransaction(() -> foldNetwork(id, line, now)).map(k -> sum + k));
                        }
                    }
                    return total;
                });
    }

    /** The Monday (00:00 UTC) of the week that began {@code months} before {@code now}. */
    static Instant line(Instant now, int months) {
        return EngagementInputs.week(now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Uni<Integer> foldNetwork(UUID networkId, Instant line, Instant now) {
        return Sql.column("select count(*) from (select pg_advisory_xact_lock(" + ALL_FOLDS_LOCK + ")) held", Long.class)
                .chain(() -> Sql.column("select count(*) from (select pg_advisory_xact_lock(" + ActivityStore.NETWORK_LOCK + ") from network n where n.id = :n) held",
                        Long.class, "n", networkId))
                .chain(() -> rebuild.replaying() ? Uni.createFrom().item(0) : Sql.column("""
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
                                .replaceWith(rows.get(0).intValue())));
    }

}
