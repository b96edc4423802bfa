package dev.cohesion.norms.service;

import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerRevoked;
import dev.cohesion.events.members.Role;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.norms.domain.MemberRecord;
import dev.cohesion.norms.repository.MemberRecordRepository;
import dev.cohesion.norms.repository.PartnerProjection;
import dev.cohesion.norms.repository.PersonalText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * norms-service's view of who is a member of which network, with what status and whether they organise, and of
 * the partners registered for each network: fed by
 * members-service's events, never by calls to it. Runs inside the consumer's transaction. An event that would
 * move a member to another network, or that names a member this network does not have, is dead-lettered with
 * the reason: the topic is ordered per network, so it cannot be early, only wrong.
 */
@ApplicationScoped
public class MembershipProjection {

    private final MemberRecordRepository members;
    private final NetworkRulesService networks;
    private final PartnerProjection partners;
    private final PersonalText personalText;
    private final Inbox inbox;

    MembershipProjection(MemberRecordRepository members, PartnerProjection partners, NetworkRulesService networks,
                         PersonalText personalText, Inbox inbox) {
        this.members = members;
        this.personalText = personalText;
        this.partners = partners;
        this.networks = networks;
        this.inbox = inbox;
    }

    public Uni<Void> apply(ConsumedEvent e) {
        if (e.is(MembersEvents.NETWORK_CREATED)) {
            NetworkCreated n = e.payload(MembersEvents.NETWORK_CREATED);
            return networks.upsert(n.networkId(), n.name(), n.settings().closedCaseTextMonthsOrDefault(), n.createdAt());
        }
        if (e.is(MembersEvents.NETWORK_UPDATED)) {
            NetworkUpdated n = e.payload(MembersEvents.NETWORK_UPDATED);
            return networks.upsert(n.networkId(), n.name(), n.settings().closedCaseTextMonthsOrDefault(), n.updatedAt());
        }
        if (e.is(MembersEvents.MEMBER_JOINED) || e.is(MembersEvents.MEMBER_JOINED_V1)) {
            MemberJoined j = e.is(MembersEvents.MEMBER_JOINED) ? e.payload(MembersEvents.MEMBER_JOINED)
                    : e.payload(MembersEvents.MEMBER_JOINED_V1).facts();
            return members.findById(j.memberId()).chain(existing -> {
                if (existing != null && !existing.networkId.equals(j.networkId())) {
                    return inbox.deadLetter(e, "member " + j.memberId() + " belongs to another network");
                }
                MemberRecord m = existing != null ? existing : new MemberRecord();
                m.id = j.memberId();
                m.networkId = j.networkId();
                m.status = dev.cohesion.events.members.MemberStatus.ACTIVE;
                m.organiser = j.roles().contains(Role.ORGANISER);
                m.joinedAt = j.joinedAt();
                return existing != null ? members.flush() : members.persist(m).replaceWithVoid();
            });
        }
        if (e.is(MembersEvents.MEMBER_STATUS_CHANGED)) {
            MemberStatusChanged s = e.payload(MembersEvents.MEMBER_STATUS_CHANGED);
            return update(e, s.networkId(), s.memberId(), m -> m.status = s.to());
        }
        if (e.is(MembersEvents.MEMBER_ROLES_CHANGED)) {
            MemberRolesChanged r = e.payload(MembersEvents.MEMBER_ROLES_CHANGED);
            return update(e, r.networkId(), r.memberId(), m -> m.organiser = r.roles().contains(Role.ORGANISER));
        }
        if (e.is(MembersEvents.MEMBER_PROFILE)) {
            MemberProfile p = e.payload(MembersEvents.MEMBER_PROFILE);
            return members.linkIdentity(p.networkId(), p.memberId(), p.principal().issuer(), p.principal().subject(),
                    p.displayName());
        }
        if (e.is(MembersEvents.PARTNER_REGISTERED)) {
            PartnerRegistered p = e.payload(MembersEvents.PARTNER_REGISTERED);
            return partners.registered(p);
        }
        if (e.is(MembersEvents.PARTNER_REVOKED)) {
            PartnerRevoked p = e.payload(MembersEvents.PARTNER_REVOKED);
            return partners.revoked(p);
        }
        MemberErased erased = e.payload(MembersEvents.MEMBER_ERASED);
        return update(e, erased.networkId(), erased.memberId(), m -> { })
                .chain(() -> members.idempotencyClient(erased.memberId()))
                .chain(client -> IdempotencyKeys.forget(client, java.util.List.of(erased.memberId().toString())))
                .chain(() -> members.unlinkIdentity(erased.memberId()))
                .chain(() -> personalText.redact(erased.memberId()));
    }

    /** The profile left the compacted topic (a tombstone): the member's name and sign-in link are forgotten. */
    public Uni<Void> forgetProfile(java.util.UUID memberId) {
        return members.unlinkIdentity(memberId);
    }

    private Uni<Void> update(ConsumedEvent e, java.util.UUID networkId, java.util.UUID memberId,
                             java.util.function.Consumer<MemberRecord> change) {
        return members.findById(memberId).chain(m -> {
            if (m == null || !m.networkId.equals(networkId)) {
                return inbox.deadLetter(e, "member " + memberId + " is not a member of network " + networkId + " here");
            }
            change.accept(m);
            return members.flush();
        });
    }
}
