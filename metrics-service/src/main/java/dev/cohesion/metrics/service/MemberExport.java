package dev.cohesion.metrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.MetricsExportPart;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.metrics.repository.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
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
    /** Instants as the event contracts write them (UTC, ISO 8601), so that the rows read back as the part's records. */
    private static final String UTC = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private final Outbox outbox;
    private final Clock clock;

    MemberExport(Outbox outbox, Clock clock) {
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
        return json("""
                select json_build_object('participation', participation, 'activityCount', activity_count,
                    'firstActivityAt', to_char(first_activity_at at time zone 'UTC', %1$s),
                    'lastActivityAt', to_char(last_activity_at at time zone 'UTC', %1$s))::text
                from member where id = :m and network_id = :n""".formatted(UTC), n, m,
                new TypeReference<List<MetricsExportPart.Engagement>>() { })
                .chain(engagement -> json("""
                        select coalesce(json_agg(json_build_object('week', week, 'weight', weight, 'activities', activities)
                            order by week), '[]')::text
                        from member_week where member_id = :m and network_id = :n""", n, m,
                        new TypeReference<List<List<MetricsExportPart.Week>>>() { })
                        .chain(weeks -> json("""
                                select coalesce(json_agg(json_build_object('type', type,
                                    'occurredAt', to_char(occurred_at at time zone 'UTC', %s), 'weight', weight,
                                    'source', source, 'suspended', suspended) order by occurred_at desc, idempotency_key), '[]')::text
                                from (select * from activity where member_id = :m and network_id = :n
                                      order by occurred_at desc, idempotency_key limit %d) newest""".formatted(UTC,
                                        MetricsExportPart.MAX_ACTIVITIES), n, m,
                                new TypeReference<List<List<MetricsExportPart.Activity>>>() { })
                                .chain(activities -> omitted(n, m, activities.get(0).size()).chain(omitted ->
                                        outbox.add(MetricsEvents.MEMBER_EXPORT_PART, n, "members/" + m + "/exports/" + r.exportId(),
                                                m.toString(), new MetricsExportPart(r.exportId(), n, m,
                                                        engagement.isEmpty() ? null : engagement.get(0), weeks.get(0),
                                                        activities.get(0), omitted))))))
                .replaceWithVoid();
    }

    /** How many of the member's activities are beyond the listed ones (counted only when the list is full). */
    private static Uni<Integer> omitted(UUID networkId, UUID memberId, int listed) {
        return listed < MetricsExportPart.MAX_ACTIVITIES ? Uni.createFrom().item(0)
                : Sql.column("select count(*) from activity where member_id = :m and network_id = :n", Long.class,
                "n", networkId, "m", memberId).map(c -> (int) (c.get(0) - listed));
    }

    /**
     * The member was erased: a tombstone on {@value Topics#METRICS_EXPORTS} (and the outbox rows that still carry
     * a part) removes their parts in transit.
     */
    public Uni<Void> forget(UUID memberId) {
        return outbox.tombstone(Topics.METRICS_EXPORTS, memberId.toString());
    }

    /** Each row of the query is one JSON document, read as {@code T}. */
    private static <T> Uni<List<T>> json(String sql, UUID networkId, UUID memberId, TypeReference<List<T>> type) {
        return Sql.column(sql, String.class, "n", networkId, "m", memberId).map(rows -> {
            try {
                return EventJson.MAPPER.readValue("[" + String.join(",", rows) + "]", type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("export rows did not read back as " + type.getType(), e);
            }
        });
    }
}
