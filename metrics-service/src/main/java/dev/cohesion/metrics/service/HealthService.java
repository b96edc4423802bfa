package dev.cohesion.metrics.service;

import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.NetworkHealthChanged;
import dev.cohesion.events.metrics.NormReviewSuggested;
import dev.cohesion.events.metrics.ReviewReason;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Blocking;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.HealthInputs;
import dev.cohesion.metrics.repository.HealthStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps every network's health current: a network is marked dirty when an event that touches it is applied, and
 * recomputed soon after (no sooner than the configured minimum, and for large networks no sooner than an interval
 * proportional to their size: a computation reads every member). The result is stored (one row, and one per ISO
 * week for the series), published as an event when the score or the circle changes, and announced to every
 * instance's live streams ({@link HealthStreams}).
 * <p>
 * With several instances: each waits out the interval after a computation stored by any of them, so a network is
 * computed about as often as with one; a computation holds the network's advisory lock for its transaction, so two
 * instances computing the same network take turns, the second compares with what the first stored and publishes no
 * second event, and nothing older overwrites a newer result.
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class);
    /** Members read and counted at a time when computing a network's health. */
    static final int PAGE = 2000;

    private final EngagementInputs inputs;
    private final HealthInputs healthInputs;
    private final HealthStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final Vertx vertx;
    private final MetricsConfig.Health config;
    private final Map<UUID, Instant> dirty = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> nextAllowed = new ConcurrentHashMap<>();
    private final AtomicBoolean computing = new AtomicBoolean();
    private volatile boolean stopping;

    HealthService(EngagementInputs inputs, HealthInputs healthInputs, HealthStore store, Outbox outbox, Clock clock, Vertx vertx,
                  MetricsConfig config) {
        this.inputs = inputs;
        this.healthInputs = healthInputs;
        this.store = store;
        this.outbox = outbox;
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
    public Uni<NetworkHealth> current(UUID networkId) {
        return SafeContext.run(vertx, () -> Panache.withSession(() -> store.current(networkId)));
    }

    /** The network's health as last computed, computed now if it never was (null: no such network). */
    public Uni<NetworkHealth> currentOrCompute(UUID networkId) {
        return current(networkId).chain(h -> h != null ? Uni.createFrom().item(h) : recompute(networkId));
    }

    /** Computes now (used by tests and the rebuild); the usual path is the debounced tick. */
    public Uni<NetworkHealth> recompute(UUID networkId) {
        return locked(networkId, () -> compute(networkId, clock.instant()));
    }

    /**
     * The tick's computation, or none (null) when any instance stored one within the interval the network's size allows:
     * the network then stays marked until that interval ends. Each instance marks the networks of the events it
     * consumes; this way several instances compute a network about as often as one would, not once each. The last
     * computation is read under the network's lock: two instances due at the same moment take turns, and the second
     * finds the first's and waits out the interval.
     */
    Uni<NetworkHealth> recomputeWhenDue(UUID networkId) {
        return locked(networkId, () -> store.lastStored(networkId).chain(last -> {
            Instant due = last == null ? Instant.MIN : last.computedAt().plus(interval(last.members()));
            if (due.isAfter(clock.instant())) {
                nextAllowed.put(networkId, due);
                markDirty(networkId);
                return Uni.createFrom().nullItem();
            }
            return compute(networkId, clock.instant());
        }));
    }

    /** {@code work} in a transaction that holds the network's health lock; after a computation, the next waits its interval. */
    private Uni<NetworkHealth> locked(UUID networkId, Supplier<Uni<NetworkHealth>> work) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> store.lock(networkId).chain(work::get)))
                .invoke(health -> {
                    if (health != null) {
                        nextAllowed.put(networkId, clock.instant().plus(interval(health.size().members())));
                    }
                });
    }

    /** How long after a computation the next may start: a computation reads every member. */
    private Duration interval(int members) {
        Duration bySize = config.intervalPerThousandMembers().multipliedBy(members).dividedBy(1000);
        return bySize.compareTo(config.minInterval()) > 0 ? bySize : config.minInterval();
    }

    private void tick() {
        if (stopping || dirty.isEmpty() || !computing.compareAndSet(false, true)) {
            return;
        }
        Instant now = clock.instant();
        UUID next = dirty.keySet().stream().filter(id -> !nextAllowed.getOrDefault(id, Instant.MIN).isAfter(now))
                .findFirst().orElse(null);
        if (next == null) {
            computing.set(false);
            return;
        }
        dirty.remove(next);
        recomputeWhenDue(next).subscribe().with(h -> computing.set(false), failure -> {
            LOG.warnf("health of network %s not computed (%s); retrying in a second", next, failure.getMessage());
            nextAllowed.put(next, clock.instant().plusSeconds(1));
            markDirty(next);
            computing.set(false);
        });
    }

    private void refreshAll() {
        SafeContext.run(vertx, () -> Panache.withSession(store::networks))
                .subscribe().with(ids -> ids.forEach(this::markDirty), e -> { });
    }

    private Uni<NetworkHealth> compute(UUID networkId, Instant now) {
        return inputs.network(networkId).chain(network -> network == null ? Uni.createFrom().nullItem()
                : tally(new HealthCalculator.Members(network, now)).chain(members -> healthInputs.cases(networkId)
                        .chain(cases -> healthInputs.appeals(networkId).chain(appeals -> healthInputs.participation(networkId, now)
                                .chain(p -> Blocking.call(() -> HealthCalculator.compute(members, cases, appeals, p)))
                                .chain(outcome -> save(outcome.health()).chain(() -> suggest(networkId, outcome.reviews(), now))
                                        .replaceWith(outcome.health()))))));
    }

    /**
     * Adds the network's members, a page at a time: a large network is never held in memory whole, and its pages are
     * counted on a worker thread, so that the event loop's consumers and requests go on between them. A loop rather
     * than a recursion: each step of a recursive chain would keep its page referenced until the last one.
     */
    private Uni<HealthCalculator.Members> tally(HealthCalculator.Members members) {
        AtomicReference<UUID> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> inputs.chunk(members.network(), after.get(), PAGE, EngagementInputs.Only.ALL, members.now())
                        .chain(page -> {
                            int read = page.size();
                            after.set(read == 0 ? null : page.get(read - 1).inputs().memberId());
                            return Blocking.call(() -> {
                                members.add(page);
                                return read;
                            });
                        }))
                .whilst(read -> read == PAGE)
                .collect().last().replaceWith(members);
    }

    /** Stores the computation and, when its score or circle changed, publishes that. */
    private Uni<Void> save(NetworkHealth h) {
        return store.changes(h).chain(changed -> store.store(h, HealthStreams.CHANNEL).chain(() -> !changed ? Uni.createFrom().voidItem()
                : outbox.add(MetricsEvents.NETWORK_HEALTH_CHANGED, h.networkId(), "health/" + h.networkId(),
                        new NetworkHealthChanged(h.networkId(), h.score(), h.circle(), nz(h.activeRatio()), nz(h.purposeAlignment()),
                                nz(h.normBookAcknowledgement()), h.computedAt())).replaceWithVoid()));
    }

    /** Publishes a norm review suggestion once per norm and reason per 30 days. */
    private Uni<Void> suggest(UUID networkId, List<HealthCalculator.NormReview> reviews, Instant now) {
        return InOrder.each(reviews, r -> store.suggestReview(networkId, r.normId(), r.reason(), now, now.minus(Duration.ofDays(30)))
                .chain(sent -> !sent ? Uni.createFrom().voidItem()
                        : outbox.add(MetricsEvents.NORM_REVIEW_SUGGESTED, networkId, "norms/" + r.normId(),
                        new NormReviewSuggested(networkId, r.normId(), r.normCode(), ReviewReason.valueOf(r.reason()),
                                r.breachesLast30Days(), r.appealsDecided(), r.appealsUpheld(), now)).replaceWithVoid()));
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
