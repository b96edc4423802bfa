package dev.cohesion.metrics.service;

import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
import dev.cohesion.metrics.repository.ProjectionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * metrics-service's projections of members-service's and norms-service's events, written with idempotent
 * set-based SQL ({@link ProjectionStore}) inside the consumer's transaction. A members event that would move a member to another network,
 * or names a member the network does not have, is dead-lettered with the reason (that topic is ordered per
 * network, so such an event is wrong, not early).
 */
@ApplicationScoped
public class Projections {

    private final ProjectionStore store;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Clock clock;
    private final java.time.Duration unmatchedWindow;
    private final ReconsiderationRequests reconsiderations;

    Projections(ProjectionStore store, MetricsConfig config, Inbox inbox, Outbox outbox, Clock clock,
                ReconsiderationRequests reconsiderations) {
        this.store = store;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
        this.unmatchedWindow = config.unmatchedWindow();
        this.reconsiderations = reconsiderations;
    }

    public Uni<?> apply(ConsumedEvent e) {
        if (e.is(MembersEvents.NETWORK_CREATED)) {
            var n = e.payload(MembersEvents.NETWORK_CREATED);
            return store.network(n.networkId(), n.name(), n.settings(), n.createdAt());
        }
        if (e.is(MembersEvents.NETWORK_UPDATED)) {
            var n = e.payload(MembersEvents.NETWORK_UPDATED);
            return store.network(n.networkId(), n.name(), n.settings(), n.updatedAt());
        }
        if (e.is(MembersEvents.MEMBER_JOINED) || e.is(MembersEvents.MEMBER_JOINED_V1)) {
            MemberJoined j = e.is(MembersEvents.MEMBER_JOINED) ? e.payload(MembersEvents.MEMBER_JOINED)
                    : e.payload(MembersEvents.MEMBER_JOINED_V1).facts();
            return store.joined(j).chain(n -> n == 0
                    ? inbox.deadLetter(e, "member " + j.memberId() + " belongs to another network") : Uni.createFrom().voidItem());
        }
        if (e.is(MembersEvents.MEMBER_STATUS_CHANGED)) {
            MemberStatusChanged s = e.payload(MembersEvents.MEMBER_STATUS_CHANGED);
            return known(e, s.networkId(), s.memberId(), store.statusChanged(s));
        }
        if (e.is(MembersEvents.MEMBER_ROLES_CHANGED)) {
            MemberRolesChanged r = e.payload(MembersEvents.MEMBER_ROLES_CHANGED);
            return known(e, r.networkId(), r.memberId(), store.rolesChanged(r));
        }
        if (e.is(MembersEvents.MEMBER_PROFILE)) {
            MemberProfile p = e.payload(MembersEvents.MEMBER_PROFILE);
            return store.profile(p)
                    .chain(() -> PartnerIdentifiers.replaceLinks(p.networkId(), p.memberId(),
                            p.partnerLinks() == null ? List.of() : p.partnerLinks()))
                    .chain(() -> recordMatched(p));
        }
        if (e.is(MembersEvents.PARTNER_REGISTERED)) {
            return store.partnerRegistered(e.payload(MembersEvents.PARTNER_REGISTERED));
        }
        if (e.is(MembersEvents.PARTNER_REVOKED)) {
            return store.partnerRevoked(e.payload(MembersEvents.PARTNER_REVOKED));
        }
        if (e.is(MembersEvents.MEMBER_ERASED)) {
            MemberErased x = e.payload(MembersEvents.MEMBER_ERASED);
            return known(e, x.networkId(), x.memberId(), store.forgetName(x.networkId(), x.memberId()))
                    .chain(() -> store.signIn(x.memberId()))
                    .chain(client -> IdempotencyKeys.forget(client, List.of(x.memberId().toString())))
                    .chain(() -> forgetProfile(x.memberId()))
                    .chain(() -> reconsiderations.forget(x.memberId()));
        }
        if (e.is(MembersEvents.PURPOSE_ADOPTED)) {
            return store.purposeAdopted(e.payload(MembersEvents.PURPOSE_ADOPTED));
        }
        if (e.is(MembersEvents.STANCE_RECORDED)) {
            return store.stance(e.payload(MembersEvents.STANCE_RECORDED));
        }
        if (e.is(ReconsiderationRequests.NOTICE)) {
            return reconsiderations.record(e);
        }
        return norms(e);
    }

    /**
     * Erasure: the member's name, organisation, sign-in link, e-mail match key and partners' identifiers for them, the
     * only personal data held here, are deleted.
     */
    public Uni<Void> forgetProfile(UUID memberId) {
        return store.forgetProfile(memberId);
    }

    /**
     * Activities that waited for this member (a partner's identifier now linked, or their e-mail now matchable) are
     * recorded for them through the outbox, in this transaction, and counted like any other; their idempotency keys
     * keep them from counting twice.
     */
    private Uni<Void> recordMatched(MemberProfile p) {
        return PartnerIdentifiers.claimMatched(p.networkId(), p.memberId(), p.emailMatchKey(), clock.instant().minus(unmatchedWindow))
                .chain(matched -> record(matched.stream().map(u -> new PartnerIdentifiers.Matched(u, p.memberId())).toList()));
    }

    /** Records the matched activities for their members through the outbox, in the caller's transaction. */
    public Uni<Void> record(List<PartnerIdentifiers.Matched> matched) {
        return InOrder.each(matched, m -> {
            PartnerIdentifiers.Unmatched u = m.activity();
            ActivityRecorded a = new ActivityRecorded(u.networkId(), m.memberId(), u.type(), u.occurredAt(), u.weight(), u.source(),
                    u.idempotencyKey());
            return outbox.add(ActivitiesEvents.ACTIVITY_RECORDED, u.networkId(), "members/" + m.memberId(), m.memberId().toString(), a);
        });
    }

    private Uni<?> norms(ConsumedEvent e) {
        if (e.is(NormsEvents.NORM_BOOK_PUBLISHED)) {
            return store.bookPublished(e.payload(NormsEvents.NORM_BOOK_PUBLISHED));
        }
        if (e.is(NormsEvents.NORM_BOOK_ACKNOWLEDGED)) {
            return store.acknowledged(e.payload(NormsEvents.NORM_BOOK_ACKNOWLEDGED));
        }
        if (e.is(NormsEvents.BREACH_REPORTED)) {
            return store.breachReported(e.payload(NormsEvents.BREACH_REPORTED));
        }
        if (e.is(NormsEvents.CASE_DECIDED)) {
            return store.caseDecided(e.payload(NormsEvents.CASE_DECIDED));
        }
        if (e.is(NormsEvents.SANCTION_APPLIED)) {
            return store.sanctionApplied(e.payload(NormsEvents.SANCTION_APPLIED));
        }
        if (e.is(NormsEvents.SANCTION_LIFTED)) {
            return store.sanctionLifted(e.payload(NormsEvents.SANCTION_LIFTED));
        }
        return store.appealDecided(e.payload(NormsEvents.APPEAL_DECIDED));
    }

    /** Dead-letters the event when its update found no such member in the network. */
    private Uni<Void> known(ConsumedEvent e, UUID networkId, UUID memberId, Uni<Integer> update) {
        return update.chain(n -> n == 0
                ? inbox.deadLetter(e, "member " + memberId + " is not a member of network " + networkId + " here")
                : Uni.createFrom().voidItem());
    }
}
