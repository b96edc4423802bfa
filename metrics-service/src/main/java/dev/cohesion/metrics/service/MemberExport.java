package dev.cohesion.metrics.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.MetricsExportPart;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.metrics.repository.MemberExportQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * metrics-service's part of a member's data export (docs/privacy.md): on {@code member-export-requested}, in the
 * consumer's transaction, the member's engagement figures, weekly sums and newest activities go to members-service
 * on {@value Topics#METRICS_EXPORTS}, keyed by member id (an erasure's tombstone reaches them
 * there). The projections of other services' events (stances, cases...) are in those services' parts.
 */
@ApplicationScoped
public class MemberExport {

    private static final Logger LOG = Logger.getLogger(MemberExport.class);

    private final MemberExportQueries queries;
    private final Outbox outbox;
    private final Clock clock;

    MemberExport(MemberExportQueries queries, Outbox outbox, Clock clock) {
        this.queries = queries;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> contribute(MemberExportRequested r) {
        if (!r.stillAwaited(clock.instant())) {
            LOG.infof("export %s was requested at %s: no longer awaited, no part sent", r.exportId(), r.requestedAt());
            return Uni.createFrom().voidItem();
        }
        UUID n = r.networkId();
        UUID m = r.memberId();
        return queries.engagement(n, m).chain(engagement -> queries.weeks(n, m).chain(weeks -> queries.newestActivities(n, m)
                .chain(activities -> omitted(n, m, activities.size()).chain(omitted ->
                        outbox.add(MetricsEvents.MEMBER_EXPORT_PART, n, "members/" + m + "/exports/" + r.exportId(), m.toString(),
                                new MetricsExportPart(r.exportId(), n, m, engagement, weeks, activities, omitted))))))
                .replaceWithVoid();
    }

    /** How many of the member's activities are beyond the listed ones (counted only when the list is full). */
    private Uni<Integer> omitted(UUID networkId, UUID memberId, int listed) {
        return listed < MetricsExportPart.MAX_ACTIVITIES ? Uni.createFrom().item(0)
                : queries.activityCount(networkId, memberId).map(count -> (int) (count - listed));
    }

    /**
     * The member was erased: a tombstone on {@value Topics#METRICS_EXPORTS} (and the outbox rows that still carry
     * a part) removes their parts in transit.
     */
    public Uni<Void> forget(UUID memberId) {
        return outbox.tombstone(Topics.METRICS_EXPORTS, memberId.toString());
    }
}
