package dev.cohesion.metrics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.NetworkHealthChanged;
import dev.cohesion.events.metrics.NormReviewSuggested;
import dev.cohesion.events.metrics.ReviewReason;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.Sql;
import dev.cohesion.metrics.rest.HealthDtos;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps every network's health current: a network is marked dirty when an event that touches it is applied, and
 * recomputed soon after (no sooner than the configured minimum, and for large networks no sooner than a multiple
 * of the last computation's cost). The result is stored (one row, and one per ISO week for the series), published
 * as an event when the score or the circle changes, and announced to every instance's live streams
 * ({@link HealthStreams}).
 * <p>
 * With several instances: a computation holds the network's advisory lock for its transaction, so two instances
 * computing the same network take turns, the second compares with what the first stored and publishes no second
 * event, and nothing older overwrites a newer result.
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class);

    private final EngagementInputs inputs;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final Vertx vertx;
    private final MetricsConfig.Health config;
    private final Map<UUID, Instant> dirty = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> nextAllowed = new ConcurrentHashMap<>();
    private final AtomicBoolean computing = new AtomicBoolean();
    private volatile boolean stopping;

    HealthService(EngagementInputs inputs, Outbox outbox, ObjectMapper json, Clock clock, Vertx vertx, MetricsConfig config) {
        this.inputs = inputs;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config.health();
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(100, id -> tick());
        vertx.setPeriodic(config.refresh().toMillis(), id -> refreshAll());
        vertx.setTimer(2000, id -> refreshAll());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Something that changes the network's health was applied. */
    public void markDirty(UUID networkId) {
        dirty.putIfAbsent(networkId, clock.instant());
    }

    public void markDirty(Set<UUID> networkIds) {
        networkIds.forEach(this::markDirty);
    }

    /** The network's health as last computed, or null before the first computation. */
    public Uni<String> current(UUID networkId) {
        return SafeContext.run(vertx, () -> Panache.withSession(() ->
                        Sql.column("select body from health where network_id = :n", String.class, "n", networkId)))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Computes now (used by tests and the rebuild); the usual path is the debounced tick. */
    public Uni<HealthDtos.Health> recompute(UUID networkId) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> Sql.column(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended('health:' || cast(:n as text), 0))) held",
                        Long.class, "n", networkId.toString()).chain(() -> compute(networkId, clock.instant()))))
                .invoke(health -> {
                    long bySize = health == null ? 0 : config.intervalPerThousandMembers().toMillis() * health.size().members() / 1000;
                    nextAllowed.put(networkId, Instant.now().plusMillis(Math.max(config.minInterval().toMillis(), bySize)));
                });
    }

    private void tick() {
        if (stopping || dirty.isEmpty() || !computing.compareAndSet(false, true)) {
            return;
        }
        Instant now = Instant.now();
        UUID next = dirty.keySet().stream().filter(id -> !nextAllowed.getOrDefault(id, Instant.MIN).isAfter(now))
                .findFirst().orElse(null);
        if (next == null) {
            computing.set(false);
            return;
        }
        dirty.remove(next);
        recompute(next).subscribe().with(h -> computing.set(false), failure -> {
            LOG.warnf("health of network %s not computed (%s); retrying in a second", next, failure.getMessage());
            nextAllowed.put(next, Instant.now().plusSeconds(1));
            markDirty(next);
            computing.set(false);
        });
    }

    private void refreshAll() {
        SafeContext.run(vertx, () -> Panache.withSession(() -> Sql.column("select cast(id as text) from network", String.class)))
                .subscribe().with(ids -> ids.forEach(id -> markDirty(UUID.fromString(id))), e -> { });
    }

    private Uni<HealthDtos.Health> compute(UUID networkId, Instant now) {
        return inputs.network(networkId).chain(network -> network == null ? Uni.createFrom().nullItem()
                : inputs.all(network, now).chain(members -> cases(networkId).chain(cases -> appeals(networkId)
                        .chain(appeals -> participation(networkId, now).chain(p -> {
                            HealthCalculator.Outcome outcome = HealthCalculator.compute(network, members, cases, appeals, p[0], p[1], now);
                            return store(outcome.health(), p).chain(() -> suggest(networkId, outcome.reviews(), now))
                                    .replaceWith(outcome.health());
                        })))));
    }

    private Uni<Void> store(HealthDtos.Health h, double[] participation) {
        String body;
        String figures;
        try {
            body = json.writeValueAsString(h);
            Map<String, Object> headline = new LinkedHashMap<>();
            headline.put("activeRatio", h.activeRatio());
            headline.put("purposeAlignment", h.purposeAlignment());
            headline.put("normBookAcknowledgement", h.normBookAcknowledgement());
            headline.put("retention90Days", h.retention90Days());
            headline.put("breachesPer100ActiveMembersPer30Days", h.conduct().breachesPer100ActiveMembersPer30Days());
            headline.put("upheldShare", h.conduct().upheldShare());
            headline.put("medianDaysToResolve", h.conduct().medianDaysToResolve());
            headline.put("top10Share", h.concentration().top10Share());
            headline.put("segments", h.size().bySegment());
            headline.put("averageCommitment", h.trends().averageCommitment());
            headline.put("averageTrust", h.trends().averageTrust());
            figures = json.writeValueAsString(headline);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return Sql.rows("select score, circle from health where network_id = :n", "n", h.networkId()).chain(previous -> {
            boolean changed = previous.isEmpty() || ((Number) previous.get(0)[0]).intValue() != h.score()
                    || !previous.get(0)[1].equals(h.circle().name());
            Uni<?> event = changed ? outbox.add(MetricsEvents.NETWORK_HEALTH_CHANGED, h.networkId(), "health/" + h.networkId(),
                    new NetworkHealthChanged(h.networkId(), h.score(), h.circle(), nz(h.activeRatio()), nz(h.purposeAlignment()),
                            nz(h.normBookAcknowledgement()), h.computedAt())) : Uni.createFrom().voidItem();
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
                    .chain(() -> Sql.column("select count(*) from (select pg_notify('" + HealthStreams.CHANNEL + "', cast(:n as text))) sent",
                            Long.class, "n", h.networkId().toString()))
                    .chain(() -> event).replaceWithVoid();
        });
    }

    /** Publishes a norm review suggestion once per norm and reason per 30 days. */
    private Uni<Void> suggest(UUID networkId, List<HealthCalculator.NormReview> reviews, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (HealthCalculator.NormReview r : reviews) {
            chain = chain.chain(() -> Sql.rows("""
                    insert into review_suggestion_sent (network_id, norm_id, reason, sent_at) values (:n, :norm, :reason, :at)
                    on conflict (network_id, norm_id, reason) do update set sent_at = excluded.sent_at
                        where review_suggestion_sent.sent_at < :monthAgo
                    returning 1""", "n", networkId, "norm", r.normId(), "reason", r.reason(), "at", now,
                    "monthAgo", now.minus(Duration.ofDays(30))).chain(sent -> sent.isEmpty() ? Uni.createFrom().voidItem()
                    : outbox.add(MetricsEvents.NORM_REVIEW_SUGGESTED, networkId, "norms/" + r.normId(),
                    new NormReviewSuggested(networkId, r.normId(), r.normCode(), ReviewReason.valueOf(r.reason()),
                            r.breachesLast30Days(), r.appealsDecided(), r.appealsUpheld(), now)).replaceWithVoid()));
        }
        return chain;
    }

    private Uni<List<HealthCalculator.CaseFacts>> cases(UUID networkId) {
        return Sql.rows("""
                select cast(norm_id as text), norm_code, reported_at, decided_at, outcome from breach_case
                where network_id = :n and (decided_at is null or decided_at > now() - interval '90 days'
                    or reported_at > now() - interval '90 days')""", "n", networkId)
                .map(rows -> rows.stream().map(r -> new HealthCalculator.CaseFacts(UUID.fromString((String) r[0]), (String) r[1],
                        EngagementInputs.instant(r[2]), EngagementInputs.instant(r[3]), (String) r[4])).toList());
    }

    private Uni<List<HealthCalculator.AppealFacts>> appeals(UUID networkId) {
        return Sql.rows("select cast(norm_id as text), outcome from appeal where network_id = :n", "n", networkId)
                .map(rows -> rows.stream().map(r -> new HealthCalculator.AppealFacts(UUID.fromString((String) r[0]), (String) r[1]))
                        .toList());
    }

    /** Participation weight of the last 4 ISO weeks and of the 4 before. */
    private Uni<double[]> participation(UUID networkId, Instant now) {
        var w = EngagementInputs.week(now);
        return Sql.rows("""
                select coalesce(sum(weight) filter (where week >= :w3), 0), coalesce(sum(weight) filter (where week between :w7 and :w4), 0)
                from network_week where network_id = :n and week >= :w7""",
                "n", networkId, "w3", w.minusWeeks(3), "w7", w.minusWeeks(7), "w4", w.minusWeeks(4))
                .map(rows -> new double[] {((Number) rows.get(0)[0]).doubleValue(), ((Number) rows.get(0)[1]).doubleValue()});
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
