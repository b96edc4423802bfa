package dev.cohesion.members.events;

import dev.cohesion.events.EventType;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.domain.WebhookEventType;
import dev.cohesion.members.repository.WebhookDeliveryRepository;
import dev.cohesion.members.repository.WebhookDeliveryRepository.NewDelivery;
import dev.cohesion.members.repository.WebhookSubscriptionRepository;
import dev.cohesion.members.service.WebhookDispatcher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Queues partners' webhook deliveries from the topics (docs/partners.md): each public event of a network becomes
 * one delivery per subscription (a disabled one's wait) of a partner in force that chose its type, holds the scope it needs and
 * existed when the event happened. It reads in its own consumer groups; the queue's unique index makes a
 * redelivered record queue nothing twice.
 */
@ApplicationScoped
public class WebhookFeed implements EventHandler {

    private final Inbox inbox;
    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    WebhookFeed(Inbox inbox, WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                WebhookDispatcher dispatcher, Clock clock) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Incoming("webhooks-members")
    public Uni<Void> members(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Incoming("webhooks-norms")
    public Uni<Void> norms(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Incoming("webhooks-metrics")
    public Uni<Void> metrics(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return WebhookPayloads.FEEDS.keySet();
    }

    @Override
    public boolean deduplicatesItself() {
        return true;
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, this::queue);
    }

    @Override
    public void afterCommit(List<ConsumedEvent> events) {
        dispatcher.wake();
    }

    private Uni<Void> queue(ConsumedEvent event) {
        String body = WebhookPayloads.body(event).orElse(null);
        if (body == null) {
            return Uni.createFrom().voidItem();
        }
        WebhookEventType type = WebhookPayloads.FEEDS.get(event.type());
        return subscriptions.subscribers(event.envelope().networkid()).chain(subscribers -> {
            List<NewDelivery> queued = new ArrayList<>();
            for (WebhookSubscriptionRepository.Subscriber s : subscribers) {
                if (Arrays.asList(s.eventTypes()).contains(type.name()) && type.allowedFor(s.partnerScopes())
                        && !event.envelope().time().isBefore(s.createdAt())) {
                    queued.add(new NewDelivery(Ids.next(), s.subscriptionId(), event.id(), type.name(), event.envelope().time(), body));
                }
            }
            return deliveries.enqueue(queued, clock.instant());
        });
    }
}
