package dev.cohesion.members.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.members.domain.DataExport;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.MemberLink;
import dev.cohesion.members.domain.NormChangeVoter;
import dev.cohesion.members.domain.RemovalAppeal;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person's data erased from members-service, and the other services told (docs/privacy.md, "Erasure"). */
@ApplicationScoped
public class Erasure {

    private final MembershipService membership;
    private final MemberRepository members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    Erasure(MembershipService membership, MemberRepository members, Outbox outbox, AuditLog audit, Clock clock) {
        this.membership = membership;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Erasure on request, in one transaction: personal fields scrubbed (and the member's stated reasons), membership
     * facts kept; the profile on the compacted profiles topic replaced by a tombstone (and the outbox rows that still
     * carry it deleted); stored responses that mention the member deleted, and their data exports; and an event tells
     * the other services to erase theirs. A current member leaves first. Idempotent.
     */
    @WithTransaction
    public Uni<Member> erase(UUID networkId, UUID memberId) {
        return membership.member(networkId, memberId).chain(m -> {
            if (m.status == MemberStatus.ACTIVE || m.status == MemberStatus.SUSPENDED) {
                Verdict.refuse("leave-before-erasure", "A current member leaves the network before their data is erased.")
                        .orThrow();
            }
            if (m.erasedAt != null) {
                return Uni.createFrom().item(m);
            }
            boolean wasJoined = m.joinedAt != null;
            List<String> mentions = m.email == null ? List.of(m.id.toString()) : List.of(m.id.toString(), m.email);
            String client = m.subject == null ? null : IdempotencyKeys.client(m.issuer, m.subject);
            Instant now = clock.instant();
            m.displayName = Member.ERASED_NAME;
            m.email = null;
            m.emailMatching = false;
            m.organisation = null;
            m.interests = new String[0];
            m.sharedWithPartners = new String[0];
            m.issuer = null;
            m.subject = null;
            m.applicationNote = null;
            m.statusNote = null;
            m.erasedAt = now;
            m.updatedAt = now;
            return members.flush()
                    .chain(() -> members.getSession().chain(s -> s.createMutationQuery(
                            "update StanceRecord set reason = null where memberId = :member")
                            .setParameter("member", m.id).executeUpdate()))
                    .chain(() -> IdempotencyKeys.forget(client, mentions))
                    .chain(() -> members.forgetRetiredEvents(m.id))
                    .chain(() -> RemovalAppeal.update("text = '', decisionReason = null where memberId = ?1", m.id))
                    .chain(() -> DataExport.delete("memberId", m.id))
                    .chain(() -> MemberLink.delete("memberId", m.id))
                    .chain(() -> NormChangeVoter.delete("memberId", m.id))
                    .chain(() -> outbox.tombstone(Topics.MEMBER_PROFILES, m.id.toString()))
                    .chain(() -> wasJoined
                            ? outbox.add(MembersEvents.MEMBER_ERASED, networkId, MemberEventPayloads.subject(m),
                            MemberEventPayloads.erased(m)).replaceWith(m)
                            : Uni.createFrom().item(m))
                    .chain(() -> audit.record(networkId, "member.erased", "member", m.id, null, Map.of("erasedAt", now)))
                    .replaceWith(m);
        });
    }
}
