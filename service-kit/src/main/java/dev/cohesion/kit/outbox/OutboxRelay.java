package dev.cohesion.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.smallrye.common.annotation.Identifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import dev.cohesion.kit.support.PgListener;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in commit order, then marks them published.
 * <ul>
 * <li>Woken by PostgreSQL {@code NOTIFY outbox_event} (sent by a trigger, delivered only when the writing
 * transaction commits), with a slow poll as a safety net.</li>
 * <li>One publisher per database: the instance holding a session-level advisory lock on its own connection.
 * When that instance dies, PostgreSQL releases the lock and a standby takes over. Before its first round, the new
 * publisher marks the pending rows its predecessor had already handed to Kafka ({@link TakeoverCheck}), so that
 * they are not published a second time. A round that follows a failed one runs the same check: records whose
 * acknowledgement was lost (the broker stopped) or whose marking failed (the database stopped) are not sent again.</li>
 * <li>Order per key: records are handed to the idempotent producer ({@code acks=all}) in seq order; after a
 * failed send, no later row of the same key is marked, so they are all sent again, in order.</li>
 * </ul>
 * At least once: should the check fail (the broker unreachable at that moment), the rows are sent again and
 * consumers drop them by event id; so do they if a publisher that lost its database connection, but not Kafka,
 * finishes a round after its successor started.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x636F_6865_7369_6FL; // "cohesio"
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Pool pool;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    private final PgConnectOptions connectOptions;
    private final Map<String, Object> kafkaConfig;
    private final PgListener.Handler listening = new PgListener.Handler() {
        @Override
        public void connected(PgConnection connection) {
            failures = 0;
            tryLead();
        }

        @Override
        public void notified(String payload) {
            wake();
        }

        @Override
        public void lost() {
            leader = false;
            // what is pending is the next publisher's to send: a standby is not stuck (readiness stays up)
            stuckSince = null;
        }

        @Override
        public void failed(Throwable failure) {
            lastError = failure.getMessage();
        }
    };

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private final Timer publishLag;

    private volatile PgListener listener;
    private volatile boolean leader;
    private volatile boolean stopped;
    private volatile Instant stuckSince;
    private volatile String lastError;
    private volatile long failures;

    @Inject
    OutboxRelay(Vertx vertx, Pool pool, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                Emitter<String> emitter, OutboxConfig config, Clock clock, MeterRegistry registry,
                @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                @ConfigProperty(name = "quarkus.datasource.username") String user,
                @ConfigProperty(name = "quarkus.datasource.password") String password,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.vertx = vertx;
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.connectOptions = PgListener.options(url, user, password);
        this.kafkaConfig = kafkaConfig;
        this.published = Counter.builder("cohesion.outbox.published").description("Events published from the outbox")
                .register(registry);
        this.publishLag = Timer.builder("cohesion.outbox.publish.lag")
                .description("From the commit of an event to Kafka's acknowledgement").publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("cohesion.outbox.backlog", backlog);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled (cohesion.outbox.enabled=false)");
            return;
        }
        listener = PgListener.start(vertx, connectOptions, "outbox_event", listening);
        vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
        vertx.setPeriodic(config.leaderRetry().toMillis(), id -> tryLead());
        vertx.setPeriodic(config.cleanupInterval().toMillis(), id -> cleanUp());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (listener != null) {
            listener.stop();
        }
    }

    /** True while this instance is the one publishing. */
    public boolean leader() {
        return leader;
    }

    /** Rows not yet published, as last counted. */
    public long backlog() {
        return backlog.get();
    }

    /** Since when pending rows could not be published, or null. */
    public Instant stuckSince() {
        return stuckSince;
    }

    public String lastError() {
        return lastError;
    }

    /** Asks the relay to look for pending rows now. */
    public void wake() {
        dirty.set(true);
        if (leader && !stopped && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        pool.query("select count(*) from outbox_event where published_at is null").execute()
                .subscribe().with(rows -> backlog.set(rows.iterator().next().getLong(0)), e -> { });
        wake();
    }

    private void tryLead() {
        PgConnection c = listener == null ? null : listener.connection();
        if (c == null || leader) {
            return;
        }
        c.query("select pg_try_advisory_lock(" + ADVISORY_LOCK + ")").execute().subscribe().with(rows -> {
            if (rows.iterator().next().getBoolean(0)) {
                draining.set(true); // no round before the check
                leader = true;
                LOG.info("outbox relay: this instance publishes");
                markWhatIsAlreadyOnTheTopics().subscribe().with(n -> {
                    draining.set(false);
                    wake();
                }, failure -> {
                    LOG.warnf("outbox relay: could not check what the previous publisher had sent (%s); pending rows are "
                            + "sent, consumers drop what they already have", failure.getMessage());
                    draining.set(false);
                    wake();
                });
            }
        }, failure -> lastError = failure.getMessage());
    }

    /**
     * Marks the pending rows already on their topics: sent by the previous publisher, or by this one in a round
     * whose acknowledgements or marking failed (the broker or the database went away in the middle).
     */
    private Uni<Integer> markWhatIsAlreadyOnTheTopics() {
        int window = config.batchSize() * 2;
        return pool.preparedQuery("select event_id, topic, record_key from outbox_event where published_at is null order by seq limit $1")
                .execute(Tuple.of(window))
                .chain(rows -> {
                    List<TakeoverCheck.Pending> pending = new ArrayList<>();
                    rows.forEach(r -> pending.add(new TakeoverCheck.Pending(r.getUUID("event_id"), r.getString("topic"), r.getString("record_key"))));
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return vertx.executeBlocking(Uni.createFrom().item(() ->
                                    TakeoverCheck.alreadyPublished(kafkaConfig, pending, window, Duration.ofSeconds(10))))
                            .chain(found -> found.isEmpty() ? Uni.createFrom().item(0) : pool
                                    .preparedQuery("update outbox_event set published_at = now() where published_at is null and event_id = any($1)")
                                    .execute(Tuple.of(found.toArray(java.util.UUID[]::new)))
                                    .map(r -> {
                                        LOG.infof("outbox relay: %d pending events were already on their topics; marked, not sent again",
                                                r.rowCount());
                                        return r.rowCount();
                                    }));
                });
    }

    private void drain() {
        dirty.set(false);
        // after a failed round, some of its records may have reached Kafka without their acknowledgement or marking
        Uni<Integer> checked = failures == 0 ? Uni.createFrom().item(0) : markWhatIsAlreadyOnTheTopics()
                .onFailure().recoverWithItem(0);
        checked.chain(n -> pool.preparedQuery("select seq, event_id, topic, record_key, envelope, headers, created_at "
                        + "from outbox_event where published_at is null order by seq limit $1")
                .execute(Tuple.of(config.batchSize())))
                .chain(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row r : rows) {
                        pending.add(new Pending(r.getLong("seq"), r.getString("topic"), r.getString("record_key"),
                                r.getString("envelope"), r.getString("headers"),
                                r.getOffsetDateTime("created_at").toInstant()));
                    }
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(new Round(0, 0));
                    }
                    if (stuckSince == null && leader) {
                        stuckSince = clock.instant();
                    }
                    return publish(pending);
                })
                .subscribe().with(round -> {
                    failures = round.failed() > 0 ? failures + 1 : 0;
                    if (round.failed() == 0) {
                        stuckSince = null;
                    }
                    boolean more = round.published() == config.batchSize();
                    draining.set(false);
                    if (round.failed() > 0) {
                        retryLater();
                    } else if (more || dirty.get()) {
                        wake();
                    }
                }, failure -> {
                    lastError = failure.getMessage();
                    failures++;
                    if (stuckSince == null && leader) {
                        stuckSince = clock.instant();
                    }
                    draining.set(false);
                    retryLater();
                });
    }

    private void retryLater() {
        long delay = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(6, failures));
        vertx.setTimer(delay, id -> wake());
    }

    /** Sends the rows in order, waits for every acknowledgement, marks what may be marked. */
    private Uni<Round> publish(List<Pending> pending) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            acks.add(KafkaRecords.send(emitter, p.topic(), p.key(), p.envelope(), new io.vertx.core.json.JsonObject(p.headers()).getMap()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        return Uni.createFrom().completionStage(all.handle((v, e) -> null)).chain(ignored -> {
            Set<String> failedKeys = new HashSet<>();
            List<Long> done = new ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                String orderKey = p.topic() + "/" + p.key();
                if (acks.get(i).isCompletedExceptionally()) {
                    failedKeys.add(orderKey);
                    acks.get(i).exceptionally(e -> {
                        lastError = e.getMessage();
                        return null;
                    });
                } else if (!failedKeys.contains(orderKey)) {
                    done.add(p.seq());
                    publishLag.record(Duration.between(p.createdAt(), now));
                }
            }
            int failed = pending.size() - done.size();
            if (failed > 0) {
                LOG.warnf("outbox relay: %d of %d events not acknowledged by Kafka (%s); retrying", failed,
                        pending.size(), lastError);
            }
            if (done.isEmpty()) {
                return Uni.createFrom().item(new Round(0, failed));
            }
            return pool.preparedQuery("update outbox_event set published_at = now() where seq = any($1)")
                    .execute(Tuple.of(done.toArray(Long[]::new)))
                    .invoke(() -> published.increment(done.size()))
                    .replaceWith(new Round(done.size(), failed));
        });
    }

    private void cleanUp() {
        if (!leader || stopped) {
            return;
        }
        pool.preparedQuery("delete from outbox_event where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.retention().toSeconds()))
                .subscribe().with(r -> { }, e -> lastError = e.getMessage());
    }

    private record Pending(long seq, String topic, String key, String envelope, String headers, Instant createdAt) {
    }

    private record Round(int published, int failed) {
    }
}
