package dev.cohesion.metrics.service;

import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * The safety net of partners' unmatched activities: {@code Projections} records those a new profile's links name
 * at once, but an activity kept by the REST door while that profile was being applied is seen by neither
 * transaction. Every minute, waiting activities that a link or e-mail key names now are recorded for their member
 * (through the outbox; their idempotency keys keep them from counting twice).
 */
@ApplicationScoped
public class LateMatches {

    private static final Logger LOG = Logger.getLogger(LateMatches.class);
    private static final int BATCH = 1000;

    private final Projections projections;
    private final Clock clock;
    private final Duration window;

    LateMatches(Projections projections, Clock clock, MetricsConfig config) {
        this.projections = projections;
        this.clock = clock;
        this.window = config.unmatchedWindow();
    }

    @Scheduled(every = "${cohesion.metrics.late-match-interval:1m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recordLateMatches() {
        return Panache.withTransaction(() -> PartnerIdentifiers.claimAnyMatched(clock.instant().minus(window), BATCH)
                        .call(projections::record).map(java.util.List::size))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d unmatched activities matched late and recorded", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("matching unmatched activities failed, the next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
