package dev.cohesion.metrics.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.metrics.MetricsExportPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * What metrics-service holds about one member, for their data export: PostgreSQL builds each as the JSON of the
 * export part's record, read back as that record (one parse, no column mapping).
 */
@ApplicationScoped
public class MemberExportQueries {

    /** Instants as the event contracts write them (UTC, ISO 8601), so that the rows read back as the part's records. */
    private static final String UTC = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    /** The member's engagement counters; null when the network has no such member. */
    public Uni<MetricsExportPart.Engagement> engagement(UUID networkId, UUID memberId) {
        return json("""
                select json_build_object('participation', participation, 'activityCount', activity_count,
                    'firstActivityAt', to_char(first_activity_at at time zone 'UTC', %1$s),
                    'lastActivityAt', to_char(last_activity_at at time zone 'UTC', %1$s))::text
                from member where id = :m and network_id = :n""".formatted(UTC), networkId, memberId,
                new TypeReference<List<MetricsExportPart.Engagement>>() { }).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The member's weekly sums, oldest first. */
    public Uni<List<MetricsExportPart.Week>> weeks(UUID networkId, UUID memberId) {
        return json("""
                select coalesce(json_agg(json_build_object('week', week, 'weight', weight, 'activities', activities)
                    order by week), '[]')::text
                from member_week where member_id = :m and network_id = :n""", networkId, memberId,
                new TypeReference<List<List<MetricsExportPart.Week>>>() { }).map(rows -> rows.get(0));
    }

    /** The member's newest {@value MetricsExportPart#MAX_ACTIVITIES} activities, newest first. */
    public Uni<List<MetricsExportPart.Activity>> newestActivities(UUID networkId, UUID memberId) {
        return json("""
                select coalesce(json_agg(json_build_object('type', type,
                    'occurredAt', to_char(occurred_at at time zone 'UTC', %s), 'weight', weight,
                    'source', source, 'suspended', suspended) order by occurred_at desc, idempotency_key), '[]')::text
                from (select * from activity where member_id = :m and network_id = :n
                      order by occurred_at desc, idempotency_key limit %d) newest""".formatted(UTC, MetricsExportPart.MAX_ACTIVITIES),
                networkId, memberId, new TypeReference<List<List<MetricsExportPart.Activity>>>() { }).map(rows -> rows.get(0));
    }

    /** How many activities of the member are stored. */
    public Uni<Long> activityCount(UUID networkId, UUID memberId) {
        return Sql.column("select count(*) from activity where member_id = :m and network_id = :n", Long.class,
                "n", networkId, "m", memberId).map(c -> c.get(0));
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
