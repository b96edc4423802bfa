package dev.cohesion.norms.service;

import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfileChanged;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.events.members.Role;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.norms.domain.MemberRecord;
import dev.cohesion.norms.repository.MemberRecordRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * norms-service's view of who is a member of which network, with what status and whether they organise: fed by
 * members-service's events, never by calls to it. Runs inside the consumer's transaction.
 */
@ApplicationScoped
public class MembershipProjection {

    private static final String ERASED = "Erased member";

    private final MemberRecordRepository members;
    private final NetworkRulesService networks;

    MembershipProjection(MemberRecordRepository members, NetworkRulesService networks) {
        this.members = members;
        this.networks = networks;
    }

    public Uni<Void> apply(ConsumedEvent e) {
        if (e.is(MembersEvents.NETWORK_CREATED)) {
            NetworkCreated n = e.payload(MembersEvents.NETWORK_CREATED);
            return networks.upsert(n.networkId(), n.name(), n.createdAt());
        }
        if (e.is(MembersEvents.NETWORK_UPDATED)) {
            NetworkUpdated n = e.payload(MembersEvents.NETWORK_UPDATED);
            return networks.upsert(n.networkId(), n.name(), n.updatedAt());
        }
        if (e.is(MembersEvents.MEMBER_JOINED)) {
            MemberJoined j = e.payload(MembersEvents.MEMBER_JOINED);
            return members.findById(j.memberId()).chain(existing -> {
                MemberRecord m = existing != null ? existing : new MemberRecord();
                m.id = j.memberId();
                m.networkId = j.networkId();
                m.displayName = j.displayName();
                m.status = dev.cohesion.events.members.MemberStatus.ACTIVE;
                m.organiser = j.roles().contains(Role.ORGANISER);
                m.joinedAt = j.joinedAt();
                return existing != null ? members.flush() : members.persist(m).replaceWithVoid();
            });
        }
        if (e.is(MembersEvents.MEMBER_STATUS_CHANGED)) {
            MemberStatusChanged s = e.payload(MembersEvents.MEMBER_STATUS_CHANGED);
            return update(s.memberId(), m -> m.status = s.to());
        }
        if (e.is(MembersEvents.MEMBER_ROLES_CHANGED)) {
            MemberRolesChanged r = e.payload(MembersEvents.MEMBER_ROLES_CHANGED);
            return update(r.memberId(), m -> m.organiser = r.roles().contains(Role.ORGANISER));
        }
        if (e.is(MembersEvents.MEMBER_PROFILE_CHANGED)) {
            MemberProfileChanged p = e.payload(MembersEvents.MEMBER_PROFILE_CHANGED);
            return update(p.memberId(), m -> m.displayName = p.displayName());
        }
        MemberErased erased = e.payload(MembersEvents.MEMBER_ERASED);
        return update(erased.memberId(), m -> m.displayName = ERASED);
    }

    private Uni<Void> update(java.util.UUID memberId, java.util.function.Consumer<MemberRecord> change) {
        return members.findById(memberId).chain(m -> {
            if (m == null) {
                return Uni.createFrom().voidItem();
            }
            change.accept(m);
            return members.flush();
        });
    }
}
