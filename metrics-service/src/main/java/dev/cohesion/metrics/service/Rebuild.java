package dev.cohesion.metrics.service;

import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.metrics.repository.ProjectionStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds every projection and score from the topics: the derived tables are emptied
 * ({@link ProjectionStore#emptyForReplay}) and the consumers read
 * their topics again from the beginning. Every projection write is idempotent (upserts, activities keyed by the
 * sender's key), so records already in flight do no harm. The activities wait, paused, until the member events that
 * were on the topic when the rebuild began are applied again: an activity is counted only for a known member.
 * Kept: the engagement settings each network chose (they live only here, not on any topic), the weekly health
 * history, the record of the norm review suggestions already sent, and what the raw-activity retention folded
 * ({@link ActivityRetention}): the weekly sums behind each network's fold line stay, each member's figures start from
 * their {@code member_fold}, and the activities behind the line are passed over (ActivityRules), so that nothing
 * the retention deleted comes back. No fold runs until the activities are replayed. With several instances, scale to one before
 * rebuilding: a seek moves only the partitions assigned to this instance. While the member events are replayed,
 * callers whose membership is not back yet are refused (404): who may do what comes from these projections too.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);

    private final ProjectionStore store;
    private final KafkaClientService kafka;
    private final Inbox inbox;
    private final Vertx vertx;
    private volatile boolean replaying;

    Rebuild(ProjectionStore store, KafkaClientService kafka, Inbox inbox, Vertx vertx) {
        this.store = store;
        this.kafka = kafka;
        this.inbox = inbox;
        this.vertx = vertx;
    }

    /** Empties the tables and rewinds the member and norm events; the activities follow in the background. */
    public Uni<Void> start() {
        LOG.warn("rebuilding all projections from the topics");
        replaying = true;
        KafkaConsumer<Object, Object> activities = kafka.getConsumer("activities");
        return activities.pause()
                .chain(() -> SafeContext.run(vertx, () -> Panache.withTransaction(store::emptyForReplay)))
                .chain(() -> rewind("norms-events"))
                .chain(() -> rewind("members-events"))
                .chain(() -> rewind("member-profiles"))
                .invoke(() -> ends("members-events")
                        .chain(this::processed)
                        .chain(() -> SafeContext.run(vertx, () -> Panache.withTransaction(store::membersFromFolds)))
                        .chain(() -> rewind("activities"))
                        .chain(activities::resume)
                        .invoke(() -> LOG.info("rebuild: member events replayed; the activities follow"))
                        .chain(() -> ends("activities"))
                        .chain(this::processed)
                        .subscribe().with(v -> {
                            replaying = false;
                            LOG.info("rebuild: the activities are replayed");
                        }, e -> {
                            replaying = false;
                            LOG.error("rebuild: stopped before the activities were replayed", e);
                        }));
    }

    /** Whether a rebuild on this instance is replaying the topics (the raw-activity retention waits for it). */
    public boolean replaying() {
        return replaying;
    }

    private Uni<Map<TopicPartition, Long>> ends(String channel) {
        return kafka.<Object, Object>getConsumer(channel)
                .runOnPollingThread((Function<Consumer<Object, Object>, Map<TopicPartition, Long>>) c -> c.endOffsets(c.assignment()));
    }

    private Uni<Void> rewind(String channel) {
        return kafka.<Object, Object>getConsumer(channel).runOnPollingThread((java.util.function.Consumer<Consumer<Object, Object>>) c -> {
            inbox.forget(c.assignment());
            c.seekToBeginning(c.assignment());
        });
    }

    private Uni<Void> processed(Map<TopicPartition, Long> ends) {
        if (ends.entrySet().stream().allMatch(e -> inbox.processedUpTo(e.getKey()) >= e.getValue())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200)).chain(() -> processed(ends));
    }
}
