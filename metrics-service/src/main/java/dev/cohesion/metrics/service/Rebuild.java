package dev.cohesion.metrics.service;

import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.metrics.repository.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Rebuilds every projection and score from the topics: the derived tables are emptied and the consumers read
 * their topics again from the beginning. Every projection write is idempotent (upserts, activities keyed by the
 * sender's key), so records already in flight do no harm. The weekly health history and the record of the norm
 * review suggestions already sent are kept. With several instances, scale to one before rebuilding: a seek moves
 * only the partitions assigned to this instance.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);
    private static final List<String> CHANNELS = List.of("members-events", "norms-events", "activities");
    private static final String TABLES = "network, member, activity, member_week, network_week, stance, acknowledgement, "
            + "breach_case, sanction, appeal, health, processed_event";

    private final KafkaClientService kafka;
    private final Vertx vertx;

    Rebuild(KafkaClientService kafka, Vertx vertx) {
        this.kafka = kafka;
        this.vertx = vertx;
    }

    public Uni<Void> start() {
        LOG.warn("rebuilding all projections from the topics");
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> Sql.update("truncate " + TABLES)))
                .chain(() -> {
                    Uni<Void> seeks = Uni.createFrom().voidItem();
                    for (String channel : CHANNELS) {
                        seeks = seeks.chain(() -> kafka.getConsumer(channel).runOnPollingThread(c -> {
                            c.seekToBeginning(c.assignment());
                        }).replaceWithVoid());
                    }
                    return seeks;
                });
    }
}
