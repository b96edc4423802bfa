package dev.cohesion.metrics.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.events.metrics.Circle;
import dev.cohesion.metrics.domain.NetworkHealth;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Network health as stored: the latest computation per network (table {@code health}: score and circle as columns,
 * the whole {@link NetworkHealth} as its JSON form in {@code body}), the last computation of each ISO week
 * ({@code health_week}, its {@link NetworkHealth.Headline}), and the norm review suggestions already published.
 * Statements run in the caller's session and transaction.
 */
@ApplicationScoped
public class HealthStore {

    private static final Columns SERIES = Columns.of("to_char(weeks.week, 'YYYY-MM-DD') as week", "h.score", "h.circle",
            "coalesce(w.weight, 0) as weight", "coalesce(w.activities, 0) as activities", "h.figures");
    private static final Columns SCORE_AND_CIRCLE = Columns.of("score", "circle");
    private static final Columns STORED = Columns.of("computed_at",
            "cast(cast(body as jsonb) -> 'size' ->> 'members' as integer) as members");

    private final ObjectMapper json;

    HealthStore(ObjectMapper json) {
        this.json = json;
    }

    /** The network's latest health, or null before its first computation. */
    public Uni<NetworkHealth> current(UUID networkId) {
        return Sql.column("select body from health where network_id = :n", String.class, "n", networkId)
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0), NetworkHealth.class));
    }

    /**
     * When the network's health was last stored, by any instance, and for how many members; null before the first
     * computation.
     */
    public Uni<Stored> lastStored(UUID networkId) {
        return Sql.rows("select " + STORED + " from health where network_id = :n", "n", networkId)
                .map(rows -> rows.isEmpty() ? null : STORED.map(rows, r -> new Stored(r.instant("computed_at"), r.integer("members"))).get(0));
    }

    public record Stored(Instant computedAt, int members) {
    }

    /** Holds the network's health lock until the transaction ends: computations of one network take turns. */
    public Uni<Void> lock(UUID networkId) {
        return Sql.column("select count(*) from (select pg_advisory_xact_lock(hashtextextended('health:' || cast(:n as text), 0))) held",
                Long.class, "n", networkId.toString()).replaceWithVoid();
    }

    /** Whether {@code health}'s score or circle differs from the stored one (or none is stored). */
    public Uni<Boolean> changes(NetworkHealth health) {
        return Sql.rows("select " + SCORE_AND_CIRCLE + " from health where network_id = :n", "n", health.networkId()).map(rows -> {
            if (rows.isEmpty()) {
                return true;
            }
            Columns.Row stored = SCORE_AND_CIRCLE.row(rows.get(0));
            return stored.integer("score") != health.score() || !health.circle().name().equals(stored.string("circle"));
        });
    }

    /**
     * Stores the computation as the network's latest and as its week's, and notifies {@code channel} with the network id
     * (delivered to the listeners at commit).
     */
    public Uni<Void> store(NetworkHealth h, String channel) {
        String body = write(h);
        String figures = write(h.headline());
        return Sql.update("""
                insert into health (network_id, computed_at, score, circle, body) values (:n, :at, :score, :circle, :body)
                on conflict (network_id) do update set computed_at = excluded.computed_at, score = excluded.score,
                    circle = excluded.circle, body = excluded.body""",
                "n", h.networkId(), "at", h.computedAt(), "score", h.score(), "circle", h.circle().name(), "body", body)
                .chain(() -> Sql.update("""
                        insert into health_week (network_id, week, computed_at, score, circle, figures)
                        values (:n, :week, :at, :score, :circle, :figures)
                        on conflict (network_id, week) do update set computed_at = excluded.computed_at, score = excluded.score,
                            circle = excluded.circle, figures = excluded.figures""",
                        "n", h.networkId(), "week", EngagementInputs.week(h.computedAt()), "at", h.computedAt(),
                        "score", h.score(), "circle", h.circle().name(), "figures", figures))
                .chain(() -> Sql.column("select count(*) from (select pg_notify(:channel, cast(:n as text))) sent", Long.class,
                        "channel", channel, "n", h.networkId().toString()))
                .replaceWithVoid();
    }

    /** The last {@code weeks} ISO weeks up to this one, oldest first: participation, and the health computed in each. */
    public Uni<List<NetworkHealth.Week>> series(UUID networkId, int weeks) {
        return Sql.rows("select " + SERIES + """

                from (select generate_series(date_trunc('week', now() - make_interval(weeks => :weeks - 1)), date_trunc('week', now()),
                        interval '1 week')::date as week) weeks
                left join network_week w on w.network_id = :n and w.week = weeks.week
                left join health_week h on h.network_id = :n and h.week = weeks.week
                order by weeks.week""", "n", networkId, "weeks", weeks)
                .map(rows -> SERIES.map(rows, r -> new NetworkHealth.Week(LocalDate.parse(r.string("week")), r.optionalInteger("score"),
                        r.get("circle") == null ? null : Circle.valueOf(r.string("circle")), r.number("weight"), r.integer("activities"),
                        r.get("figures") == null ? null : read(r.string("figures"), NetworkHealth.Headline.class))));
    }

    /** Every network's id. */
    public Uni<List<UUID>> networks() {
        return Sql.column("select id from network", UUID.class);
    }

    /** Records that a review of the norm was suggested for this reason now; false when it was within the last 30 days. */
    public Uni<Boolean> suggestReview(UUID networkId, UUID normId, String reason, Instant now, Instant monthAgo) {
        return Sql.rows("""
                insert into review_suggestion_sent (network_id, norm_id, reason, sent_at) values (:n, :norm, :reason, :at)
                on conflict (network_id, norm_id, reason) do update set sent_at = excluded.sent_at
                    where review_suggestion_sent.sent_at < :monthAgo
                returning 1""", "n", networkId, "norm", normId, "reason", reason, "at", now, "monthAgo", monthAgo)
                .map(sent -> !sent.isEmpty());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored health not readable as " + type.getSimpleName(), e);
        }
    }
}
