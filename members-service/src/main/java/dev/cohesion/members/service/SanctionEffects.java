package dev.cohesion.members.service;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.repository.MemberRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * How norms-service's sanctions change membership: a temporary suspension suspends the member until its end
 * (then back to ACTIVE by itself), a permanent removal removes, and a lifted or overturned sanction restores.
 * Corrections and warnings leave the status as it is. Runs inside the consumer's transaction. A sanction naming
 * someone who is not a member of its network is dead-lettered with the reason.
 */
@ApplicationScoped
public class SanctionEffects {

    private final MemberRepository members;
    private final MembershipService membership;
    private final Inbox inbox;
    private final Clock clock;

    SanctionEffects(MemberRepository members, MembershipService membership, Inbox inbox, Clock clock) {
        this.members = members;
        this.membership = membership;
        this.inbox = inbox;
        this.clock = clock;
    }

    public Uni<Void> applied(ConsumedEvent e) {
        SanctionApplied s = e.payload(NormsEvents.SANCTION_APPLIED);
        return members.inNetwork(s.networkId(), s.memberId()).chain(m -> {
            if (m == null) {
                return inbox.deadLetter(e, "sanction " + s.sanctionId() + " names " + s.memberId()
                        + ", who is not a member of network " + s.networkId());
            }
            return switch (s.rung()) {
                case TEMPORARY_SUSPENSION -> suspend(m, s);
                case PERMANENT_REMOVAL -> m.status == MemberStatus.ACTIVE || m.status == MemberStatus.SUSPENDED
                        ? remove(m, s) : Uni.createFrom().voidItem();
                default -> Uni.createFrom().voidItem();
            };
        });
    }

    public Uni<Void> lifted(ConsumedEvent e) {
        SanctionLifted s = e.payload(NormsEvents.SANCTION_LIFTED);
        return members.inNetwork(s.networkId(), s.memberId()).chain(m -> {
            if (m == null) {
                return inbox.deadLetter(e, "sanction " + s.sanctionId() + " names " + s.memberId()
                        + ", who is not a member of network " + s.networkId());
            }
            if (!s.sanctionId().equals(m.sanctionId)
                    || (m.status != MemberStatus.SUSPENDED && m.status != MemberStatus.REMOVED)) {
                return Uni.createFrom().voidItem();
            }
            if (m.erasedAt != null) {
                // erased meanwhile (on request or by retention): nobody is left to restore
                return Uni.createFrom().voidItem();
            }
            m.leftAt = null;
            return membership.changeStatus(m, MemberStatus.ACTIVE, "SANCTION_LIFTED", null).replaceWithVoid();
        });
    }

    /** Suspensions whose end has come: back to ACTIVE. */
    public Uni<Integer> endDueSuspensions() {
        return members.suspensionsEndedBy(clock.instant(), 100).chain(due -> InOrder.each(due,
                m -> membership.changeStatus(m, MemberStatus.ACTIVE, "SUSPENSION_ENDED", null)).replaceWith(due.size()));
    }

    private Uni<Void> suspend(Member m, SanctionApplied s) {
        if (s.endsAt() == null || !s.endsAt().isAfter(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        if (m.status == MemberStatus.SUSPENDED) {
            if (m.suspendedUntil == null || s.endsAt().isAfter(m.suspendedUntil)) {
                m.suspendedUntil = s.endsAt();
                m.sanctionId = s.sanctionId();
            }
            return members.flush();
        }
        if (m.status != MemberStatus.ACTIVE) {
            return Uni.createFrom().voidItem();
        }
        m.suspendedUntil = s.endsAt();
        m.sanctionId = s.sanctionId();
        return membership.changeStatus(m, MemberStatus.SUSPENDED, "SANCTION", null).replaceWithVoid();
    }

    private Uni<Void> remove(Member m, SanctionApplied s) {
        m.sanctionId = s.sanctionId();
        m.leftAt = clock.instant();
        return membership.changeStatus(m, MemberStatus.REMOVED, "SANCTION", null).replaceWithVoid();
    }
}
