package dev.cohesion.kit.testapp;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/** Applies member-erased events by inserting a row per application; refuses members named in `refused`. */
@ApplicationScoped
public class TestMembersConsumer implements EventHandler {

    /** Events about this member make the handler fail for good: they must be dead-lettered. */
    public static final java.util.UUID POISON = java.util.UUID.fromString("00000000-0000-0000-0000-00000000dead");

    private final Inbox inbox;

    TestMembersConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("test-members")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(MembersEvents.MEMBER_ERASED);
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, e -> {
            MemberErased erased = e.payload(MembersEvents.MEMBER_ERASED);
            if (POISON.equals(erased.memberId())) {
                return Uni.createFrom().failure(new IllegalArgumentException("this member cannot be erased"));
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into applied_event (event_id, member_id) values (:event, :member)")
                    .setParameter("event", e.id()).setParameter("member", erased.memberId()).executeUpdate());
        });
    }
}
