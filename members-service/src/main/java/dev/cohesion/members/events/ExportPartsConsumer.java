package dev.cohesion.members.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.service.DataExports;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/** The other services' parts of members' data exports (cohesion.norms.exports.v1, cohesion.metrics.exports.v1). */
@ApplicationScoped
public class ExportPartsConsumer implements EventHandler {

    private final Inbox inbox;
    private final DataExports exports;

    ExportPartsConsumer(Inbox inbox, DataExports exports) {
        this.inbox = inbox;
        this.exports = exports;
    }

    @Incoming("norms-exports")
    public Uni<Void> consumeNorms(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Incoming("metrics-exports")
    public Uni<Void> consumeMetrics(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(NormsEvents.MEMBER_EXPORT_PART, MetricsEvents.MEMBER_EXPORT_PART);
    }

    /** A tombstone for a member on an exports topic: the member was erased. */
    @Override
    public Uni<Void> erase(String topic, String key) {
        return exports.forget(java.util.UUID.fromString(key));
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, exports::partArrived);
    }
}
