package dev.cohesion.metrics.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.metrics.service.HealthService;
import dev.cohesion.metrics.service.MemberExport;
import dev.cohesion.metrics.service.Projections;
import dev.cohesion.metrics.service.ReconsiderationRequests;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Projections of members-service's and norms-service's events (cohesion.members.v1, its profiles topic,
 * cohesion.norms.v1), and this service's part of members' data exports. Of members-service's notices, only the
 * requests to reconsider the purpose are read: their outcome is a health figure.
 */
@ApplicationScoped
public class ProjectionsConsumer implements EventHandler {

    private static final Set<EventType<?>> TYPES;
    /**
     * Which partners are registered, and data export requests: no health figure depends on them (a profile does:
     * organisations' spread).
     */
    private static final Set<EventType<?>> WITHOUT_FIGURES = Set.of(MembersEvents.PARTNER_REGISTERED,
            MembersEvents.PARTNER_REVOKED, MembersEvents.MEMBER_EXPORT_REQUESTED);

    static {
        Set<EventType<?>> types = new HashSet<>(List.of(MembersEvents.NETWORK_CREATED, MembersEvents.NETWORK_UPDATED,
                MembersEvents.MEMBER_JOINED, MembersEvents.MEMBER_JOINED_V1, MembersEvents.MEMBER_STATUS_CHANGED,
                MembersEvents.MEMBER_ERASED, MembersEvents.PURPOSE_ADOPTED, MembersEvents.STANCE_RECORDED,
                MembersEvents.MEMBER_ROLES_CHANGED, MembersEvents.MEMBER_PROFILE, MembersEvents.PARTNER_REGISTERED,
                MembersEvents.PARTNER_REVOKED, MembersEvents.MEMBER_EXPORT_REQUESTED, ReconsiderationRequests.NOTICE));
        types.addAll(List.of(NormsEvents.NORM_BOOK_PUBLISHED, NormsEvents.NORM_BOOK_ACKNOWLEDGED, NormsEvents.BREACH_REPORTED,
                NormsEvents.CASE_DECIDED, NormsEvents.SANCTION_APPLIED, NormsEvents.SANCTION_LIFTED, NormsEvents.APPEAL_DECIDED));
        TYPES = Set.copyOf(types);
    }

    private final Inbox inbox;
    private final Projections projections;
    private final HealthService health;
    private final MemberExport export;

    ProjectionsConsumer(Inbox inbox, Projections projections, HealthService health, MemberExport export) {
        this.inbox = inbox;
        this.projections = projections;
        this.health = health;
        this.export = export;
    }

    @Incoming("members-events")
    public Uni<Void> consumeMembers(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Incoming("member-profiles")
    public Uni<Void> consumeProfiles(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Incoming("norms-events")
    public Uni<Void> consumeNorms(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return TYPES;
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
            return projections.apply(e).chain(() -> export.forget(e.payload(MembersEvents.MEMBER_ERASED).memberId()));
        }
        return projections.apply(e);
    }

    /** A tombstone on the profiles topic: the member's name, organisation and sign-in link are forgotten. */
    @Override
    public Uni<Void> erase(String topic, String key) {
        return projections.forgetProfile(java.util.UUID.fromString(key));
    }

    /** Marks for a health computation the networks whose figures the batch may have changed. */
    @Override
    public void afterCommit(List<ConsumedEvent> events) {
        health.markDirty(events.stream().filter(e -> !WITHOUT_FIGURES.contains(e.type()))
                .map(e -> e.envelope().networkid()).collect(Collectors.toSet()));
    }
}
