package dev.cohesion.norms.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.norms.service.ReviewSuggestions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/** Norm review suggestions from metrics-service (cohesion.metrics.v1). */
@ApplicationScoped
public class MetricsEventsConsumer implements EventHandler {

    private final Inbox inbox;
    private final ReviewSuggestions suggestions;

    MetricsEventsConsumer(Inbox inbox, ReviewSuggestions suggestions) {
        this.inbox = inbox;
        this.suggestions = suggestions;
    }

    @Incoming("metrics-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(MetricsEvents.NORM_REVIEW_SUGGESTED);
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, e -> suggestions.suggested(e.payload(MetricsEvents.NORM_REVIEW_SUGGESTED)));
    }
}
