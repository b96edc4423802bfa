package dev.cohesion.metrics.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.metrics.service.ActivityIngestion;
import dev.cohesion.metrics.service.HealthService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Activities from the topic (cohesion.activities.v1): the same path as the REST door. Deduplicated by the
 * sender's idempotency key in the same transaction; refused activities go to the dead-letter topic with why. Those
 * behind their network's fold line that were reported before it was drawn were judged then (counted and folded, or
 * refused): they are passed over, counted by {@code cohesion.activities.folded}.
 */
@ApplicationScoped
public class ActivitiesConsumer implements EventHandler {

    private final Inbox inbox;
    private final ActivityIngestion ingestion;
    private final HealthService health;
    private final Clock clock;
    private final MeterRegistry registry;

    ActivitiesConsumer(Inbox inbox, ActivityIngestion ingestion, HealthService health, Clock clock, MeterRegistry registry) {
        this.inbox = inbox;
        this.ingestion = ingestion;
        this.health = health;
        this.clock = clock;
        this.registry = registry;
    }

    @Incoming("activities")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(ActivitiesEvents.ACTIVITY_RECORDED);
    }

    @Override
    public boolean deduplicatesItself() {
        return true;
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        List<ActivityRecorded> activities = events.stream().map(e -> e.payload(ActivitiesEvents.ACTIVITY_RECORDED)).toList();
        return ingestion.holdFoldLines(activities.stream().map(ActivityRecorded::networkId).collect(Collectors.toSet()))
                .chain(() -> ingestion.check(activities, events.stream().map(e -> e.envelope().time()).toList())).chain(checked -> {
            List<ActivityIngestion.Checked> accepted = new ArrayList<>();
            Uni<Void> refusals = Uni.createFrom().voidItem();
            for (int i = 0; i < checked.size(); i++) {
                ActivityIngestion.Checked c = checked.get(i);
                if (c.decision().accepted()) {
                    accepted.add(c);
                } else if (c.decision().folded()) {
                    registry.counter("cohesion.activities.folded").increment();
                } else {
                    ConsumedEvent event = events.get(i);
                    refusals = refusals.chain(() -> inbox.deadLetter(event, "activity refused: " + c.decision().reason()));
                }
            }
            return refusals.chain(() -> ingestion.record(accepted, clock.instant())).invoke(fresh -> {
                registry.counter("cohesion.activities.counted").increment(fresh.size());
                registry.counter("cohesion.activities.duplicates").increment(accepted.size() - fresh.size());
            }).replaceWithVoid();
        });
    }

    @Override
    public void afterCommit(List<ConsumedEvent> events) {
        health.markDirty(events.stream().map(e -> e.envelope().networkid()).collect(Collectors.toSet()));
    }
}
