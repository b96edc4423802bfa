package dev.cohesion.norms.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.norms.service.MemberExport;
import dev.cohesion.norms.service.MembershipProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/**
 * Keeps the local projection of networks, members and registered partners (cohesion.members.v1) and who signs in as
 * whom (the profiles topic); answers members' data export requests with this service's part.
 */
@ApplicationScoped
public class MembersEventsConsumer implements EventHandler {

    private final Inbox inbox;
    private final MembershipProjection projection;
    private final MemberExport export;

    MembersEventsConsumer(Inbox inbox, MembershipProjection projection, MemberExport export) {
        this.inbox = inbox;
        this.projection = projection;
        this.export = export;
    }

    @Incoming("members-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    /** Who signs in as which member (cohesion.members.profiles.v1). */
    @Incoming("member-profiles")
    public Uni<Void> consumeProfiles(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(MembersEvents.NETWORK_CREATED, MembersEvents.NETWORK_UPDATED, MembersEvents.MEMBER_JOINED,
                MembersEvents.MEMBER_JOINED_V1, MembersEvents.MEMBER_STATUS_CHANGED, MembersEvents.MEMBER_ROLES_CHANGED,
                MembersEvents.MEMBER_ERASED, MembersEvents.MEMBER_PROFILE, MembersEvents.PARTNER_REGISTERED,
                MembersEvents.PARTNER_REVOKED, MembersEvents.MEMBER_EXPORT_REQUESTED);
    }

    /** A tombstone on the profiles topic: the member's profile and sign-in link are forgotten. */
    @Override
    public Uni<Void> erase(String topic, String key) {
        return projection.forgetProfile(java.util.UUID.fromString(key));
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, this::apply);
    }

    /** An export request is answered with this service's part; an erasure also reaches the parts in transit. */
    private Uni<?> apply(ConsumedEvent e) {
        if (e.is(MembersEvents.MEMBER_EXPORT_REQUESTED)) {
            return export.contribute(e.payload(MembersEvents.MEMBER_EXPORT_REQUESTED));
        }
        if (e.is(MembersEvents.MEMBER_ERASED)) {
            return projection.apply(e).chain(() -> export.forget(e.payload(MembersEvents.MEMBER_ERASED).memberId()));
        }
        return projection.apply(e);
    }
}
