package dev.cohesion.members.service;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.RemovalAppeal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A direct removal is appealable like a sanction (docs/security.md): the removed member appeals within
 * {@link RemovalAppeal#WINDOW}, once per removal; an organiser other than the one who removed them decides; upheld,
 * the member is active again (status reason REMOVAL_OVERTURNED) and is told so by a notice.
 */
@ApplicationScoped
public class RemovalAppeals {

    private final MembershipService membership;
    private final Notices notices;
    private final AuditLog audit;
    private final Clock clock;

    RemovalAppeals(MembershipService membership, Notices notices, AuditLog audit, Clock clock) {
        this.membership = membership;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<RemovalAppeal> file(UUID networkId, UUID memberId, String text) {
        Instant now = clock.instant();
        return membership.member(networkId, memberId).chain(m -> {
            if (m.status != MemberStatus.REMOVED) {
                throw ProblemException.invalidTransition("member " + m.id, m.status, "only a removed member appeals their removal");
            }
            if (m.sanctionId != null) {
                Verdict.refuse("removal-by-sanction", "You were removed by sanction " + m.sanctionId
                        + ": appeal the sanction (norms-service, POST …/sanctions/{id}/appeal).").orThrow();
            }
            if (now.isAfter(m.leftAt.plus(RemovalAppeal.WINDOW))) {
                Verdict.refuse("appeal-window", "The " + RemovalAppeal.WINDOW.toDays() + " days to appeal this removal ended at "
                        + m.leftAt.plus(RemovalAppeal.WINDOW) + ".").orThrow();
            }
            return RemovalAppeal.count("memberId = ?1 and removedAt = ?2", m.id, m.leftAt).chain(filed -> {
                if (filed > 0) {
                    Verdict.refuse("appeal-once-per-removal", "This removal was appealed already.").orThrow();
                }
                RemovalAppeal a = new RemovalAppeal();
                a.id = Ids.next();
                a.networkId = networkId;
                a.memberId = m.id;
                a.removedAt = m.leftAt;
                a.removedBy = m.removedBy;
                a.text = text;
                a.status = RemovalAppeal.Status.PENDING;
                a.filedAt = now;
                return a.<RemovalAppeal>persist();
            });
        });
    }

    /** The member's latest removal appeal. */
    @WithSession
    public Uni<RemovalAppeal> latest(UUID networkId, UUID memberId) {
        return RemovalAppeal.find("networkId = ?1 and memberId = ?2 order by filedAt desc", networkId, memberId)
                .<RemovalAppeal>firstResult().onItem().ifNull().failWith(() -> ProblemException.notFound("removal appeal of member", memberId));
    }

    @WithTransaction
    public Uni<RemovalAppeal> decide(UUID networkId, UUID memberId, UUID organiserId, boolean upheld, String reason) {
        return latest(networkId, memberId).chain(a -> {
            if (a.status != RemovalAppeal.Status.PENDING) {
                throw ProblemException.invalidTransition("removal appeal " + a.id, a.status, "it was decided already");
            }
            if (organiserId.equals(a.removedBy)) {
                Verdict.forbid("another-organiser-decides", "You removed this member: another organiser decides their appeal.").orThrow();
            }
            a.status = upheld ? RemovalAppeal.Status.UPHELD : RemovalAppeal.Status.REJECTED;
            a.decidedBy = organiserId;
            a.decidedAt = clock.instant();
            a.decisionReason = reason;
            Uni<Void> effect = upheld ? membership.member(networkId, memberId).chain(m -> restore(m, reason)) : Uni.createFrom().voidItem();
            return effect.chain(() -> notices.issue(networkId, memberId, NoticeKind.APPEAL_DECIDED, "removal-appeals/" + a.id))
                    .chain(() -> audit.record(networkId, "removal-appeal.decided", "member", memberId,
                            Map.of("appeal", a.id, "status", RemovalAppeal.Status.PENDING), Map.of("appeal", a.id, "status", a.status)))
                    .replaceWith(a);
        });
    }

    /** Upheld: active again, unless they were readmitted meanwhile or their data was erased (then they apply again). */
    private Uni<Void> restore(Member m, String reason) {
        if (m.status != MemberStatus.REMOVED || m.erasedAt != null) {
            return Uni.createFrom().voidItem();
        }
        m.leftAt = null;
        m.removedBy = null;
        return membership.changeStatus(m, MemberStatus.ACTIVE, "REMOVAL_OVERTURNED", reason).replaceWithVoid();
    }
}
