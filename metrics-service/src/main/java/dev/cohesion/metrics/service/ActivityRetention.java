package dev.cohesion.metrics.service;

import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.ActivityFolds;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
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

    private static final Logger LOG = Logger.getLogger(ActivityRetention.class);

    private final ActivityFolds folds;
    private final Rebuild rebuild;
    private final Clock clock;
    private final MeterRegistry registry;
    private final java.time.Duration unmatchedWindow;

    ActivityRetention(ActivityFolds folds, Rebuild rebuild, Clock clock, MeterRegistry registry, MetricsConfig config) {
        this.folds = folds;
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
        return Panache.withSession(folds::networks)
                .chain(networks -> {
                    Uni<Integer> total = Uni.createFrom().item(0);
                    for (ActivityFolds.Retention n : networks) {
                        Instant line = line(now, n.rawActivityMonths());
                        if (n.foldedBefore() == null || line.isAfter(n.foldedBefore())) {
                            total = total.chain(sum -> Panache.withTransaction(() -> foldNetwork(n.networkId(), line, now)).map(k -> sum + k));
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
        return folds.lock(networkId).chain(() -> rebuild.replaying() ? Uni.createFrom().item(0) : folds.fold(networkId, line, now));
    }

}
