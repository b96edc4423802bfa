package dev.cohesion.members.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.members.service.SanctionEffects;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/** Sanctions from norms-service change member status (cohesion.norms.v1). */
@ApplicationScoped
public class NormsEventsConsumer implements EventHandler {

    private final Inbox inbox;
    private final SanctionEffects sanctions;

    NormsEventsConsumer(Inbox inbox, SanctionEffects sanctions) {
        this.inbox = inbox;
        this.sanctions = sanctions;
    }

    @Incoming("norms-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(NormsEvents.SANCTION_APPLIED, NormsEvents.SANCTION_LIFTED);
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return EventHandler.inOrder(events, e -> e.is(NormsEvents.SANCTION_APPLIED) ? sanctions.applied(e) : sanctions.lifted(e));
    }
}
