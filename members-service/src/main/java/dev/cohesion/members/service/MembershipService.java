package dev.cohesion.members.service;

import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.members.Role;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.MemberLink;
import dev.cohesion.members.domain.MembershipLifecycle;
import dev.cohesion.members.domain.OrganiserRule;
import dev.cohesion.members.domain.SharedField;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.rest.MemberDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The membership lifecycle: applications, invitations, profiles, roles and exits (erasure: {@link Erasure}). */
@ApplicationScoped
public class MembershipService {

    private static final Set<MemberStatus> MAY_APPLY_AGAIN = EnumSet.of(MemberStatus.LEFT, MemberStatus.DECLINED);

    private final MemberRepository members;
    private final NetworkService networks;
    private final Outbox outbox;
    private final Notices notices;
    private final AuditLog audit;
    private final Clock clock;

    MembershipService(MemberRepository members, NetworkService networks, Outbox outbox, Notices notices, AuditLog audit,
                      Clock clock) {
        this.members = members;
        this.networks = networks;
        this.outbox = outbox;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log keeps of a member before and after an organiser's action: no personal data, no notes. */
    public record Standing(MemberStatus status, String statusReason, boolean organiser) {
        static Standing of(Member m) {
            return new Standing(m.status, m.statusReason, m.organiser);
        }
    }

    private Uni<Member> audited(Member m, String action, Standing before) {
        return audit.record(m.networkId, action, "member", m.id, before, Standing.of(m)).replaceWith(m);
    }

    /**
     * A person asks to join; an organiser approves or declines. Who left or was declined may apply again. The
     * membership is linked to the caller's issuer and subject: that identity signs in as the member.
     */
    @WithTransaction
    public Uni<Member> apply(UUID networkId, Identity person, MemberDtos.Application application) {
        return networks.get(networkId).chain(n -> members.byPerson(networkId, person)).chain(existing -> {
            Instant now = clock.instant();
            if (existing != null && !MAY_APPLY_AGAIN.contains(existing.status)) {
                throw onePerPerson(existing);
            }
            Member m = existing != null ? existing : newMember(networkId, now);
            if (existing != null) {
                MembershipLifecycle.require(m, MemberStatus.APPLIED);
            }
            m.issuer = person.issuer();
            m.subject = person.subject();
            profile(m, application.profile());
            m.status = MemberStatus.APPLIED;
            m.statusReason = null;
            m.statusNote = null;
            m.applicationNote = application.note();
            m.updatedAt = now;
            return (existing != null ? members.flush() : m.persist()).replaceWith(m);
        });
    }

    @WithTransaction
    public Uni<Member> approve(UUID networkId, UUID memberId) {
        return member(networkId, memberId).chain(m -> {
            Standing before = Standing.of(m);
            return join(m, MemberStatus.APPLIED, JoinRoute.APPLICATION).chain(joined -> audited(joined, "member.approved", before));
        });
    }

    @WithTransaction
    public Uni<Member> decline(UUID networkId, UUID memberId, String reason) {
        return member(networkId, memberId).chain(m -> {
            MembershipLifecycle.require(m, MemberStatus.DECLINED);
            Standing before = Standing.of(m);
            m.status = MemberStatus.DECLINED;
            m.statusReason = "DECLINED";
            m.statusNote = reason;
            m.updatedAt = clock.instant();
            return members.flush().chain(() -> audited(m, "member.declined", before));
        });
    }

    /** An organiser invites someone by e-mail (a notice e-mails it); the invitation id is what the invitee accepts. */
    @WithTransaction
    public Uni<Member> invite(UUID networkId, MemberDtos.Profile profile) {
        return networks.get(networkId).chain(n -> inviteIn(networkId, profile)).chain(m -> audited(m, "member.invited", null));
    }

    /** An invitation in the caller's transaction (one of a bulk import's rows). */
    Uni<Member> inviteIn(UUID networkId, MemberDtos.Profile profile) {
        Member m = newMember(networkId, clock.instant());
        profile(m, profile);
        m.status = MemberStatus.INVITED;
        return m.persist().chain(() -> members.flush())
                .chain(() -> notices.issue(networkId, m.id, NoticeKind.INVITATION, "invitations/" + m.id)).replaceWith(m);
    }

    /**
     * The invitee accepts: only with the invited address, verified by the identity provider. Anyone else learns
     * nothing of the invitation (404), whoever gave them its id.
     */
    @WithTransaction
    public Uni<Member> accept(UUID networkId, UUID invitationId, Identity person) {
        return members.byPerson(networkId, person).chain(existing -> {
            if (existing != null && !existing.id.equals(invitationId)) {
                throw onePerPerson(existing);
            }
            return members.inNetwork(networkId, invitationId);
        }).chain(m -> {
            boolean invitee = m != null && m.email != null
                    && person.verifiedEmail().map(m.email::equalsIgnoreCase).orElse(false);
            if (!invitee) {
                throw ProblemException.notFound("invitation", invitationId);
            }
            if (m.status != MemberStatus.INVITED) {
                throw ProblemException.invalidTransition("invitation " + m.id, m.status, "it was already answered");
            }
            m.issuer = person.issuer();
            m.subject = person.subject();
            return join(m, MemberStatus.INVITED, JoinRoute.INVITATION);
        });
    }

    @WithTransaction
    public Uni<Member> updateProfile(UUID networkId, UUID memberId, String ifMatch, MemberDtos.Profile profile) {
        return member(networkId, memberId).chain(m -> {
            ETags.require(ifMatch, m.version);
            if (m.erasedAt != null) {
                throw ProblemException.conflict("This member's personal data was erased.");
            }
            profile(m, profile);
            m.updatedAt = clock.instant();
            return members.flush().chain(() -> joined(m) ? publishProfile(m).replaceWith(m) : Uni.createFrom().item(m));
        });
    }

    /** Leaving is voluntary and dignified: with a reason, and the member stays listed as an alumnus. */
    @WithTransaction
    public Uni<Member> leave(UUID networkId, UUID memberId, MemberDtos.Departure departure) {
        return member(networkId, memberId).chain(m -> members.countActiveOrganisers(networkId).chain(organisers -> {
            OrganiserRule.mayStepDown(m, organisers).orThrow();
            return exit(m, MemberStatus.LEFT, departure.reason().name(), departure.note());
        }));
    }

    @WithTransaction
    public Uni<Member> remove(UUID networkId, UUID memberId, String reason, UUID organiserId) {
        return member(networkId, memberId).chain(m -> members.countActiveOrganisers(networkId).chain(organisers -> {
            OrganiserRule.mayStepDown(m, organisers).orThrow();
            Standing before = Standing.of(m);
            m.removedBy = organiserId;
            return exit(m, MemberStatus.REMOVED, "REMOVED_BY_ORGANISER", reason).chain(removed -> audited(removed, "member.removed", before));
        }));
    }

    /**
     * An organiser readmits a member who left, or whom an organiser removed directly: active again, with the reason,
     * published as a status change. A removal by sanction is undone only by lifting the sanction (its appeal, in
     * norms-service); an erased member's data is gone, so they apply again.
     */
    @WithTransaction
    public Uni<Member> readmit(UUID networkId, UUID memberId, String reason) {
        return member(networkId, memberId).chain(m -> {
            if (m.status != MemberStatus.LEFT && m.status != MemberStatus.REMOVED) {
                throw ProblemException.invalidTransition("member " + m.id, m.status, "only a member who left or was removed is readmitted");
            }
            if (m.sanctionId != null) {
                Verdict.refuse("readmission-not-over-a-sanction", "This member was removed by sanction " + m.sanctionId
                        + "; an upheld appeal lifts it and brings them back.").orThrow();
            }
            if (m.erasedAt != null) {
                Verdict.refuse("readmission-not-after-erasure", "This member's data was erased; they apply again.").orThrow();
            }
            Standing before = Standing.of(m);
            m.leftAt = null;
            return changeStatus(m, MemberStatus.ACTIVE, "READMITTED", reason).chain(readmitted -> audited(readmitted, "member.readmitted", before));
        });
    }

    @WithTransaction
    public Uni<Member> setRoles(UUID networkId, UUID memberId, MemberDtos.Roles roles) {
        if (!roles.roles().contains(Role.MEMBER)) {
            throw ProblemException.invalidField("roles", "must contain MEMBER");
        }
        boolean organiser = roles.roles().contains(Role.ORGANISER);
        return member(networkId, memberId).chain(m -> members.countActiveOrganisers(networkId).chain(organisers -> {
            if (m.organiser == organiser) {
                return Uni.createFrom().item(m);
            }
            if (organiser && !m.isActive()) {
                throw ProblemException.invalidTransition("member " + m.id, m.status, "only active members can organise");
            }
            if (!organiser) {
                OrganiserRule.mayStepDown(m, organisers).orThrow();
            }
            Standing before = Standing.of(m);
            m.organiser = organiser;
            m.updatedAt = clock.instant();
            return members.flush().chain(() -> outbox.add(MembersEvents.MEMBER_ROLES_CHANGED, networkId,
                    MemberEventPayloads.subject(m), MemberEventPayloads.rolesChanged(m)))
                    .chain(() -> audited(m, "member.roles-changed", before));
        }));
    }

    @WithSession
    public Uni<Page<Member>> directory(UUID networkId, MemberRepository.DirectoryFilter filter, PageRequest page) {
        return networks.get(networkId).chain(n -> members.directory(networkId, filter, page))
                .map(rows -> Page.of(rows, page, m -> m.id.toString(), m -> m));
    }

    @WithSession
    public Uni<Member> member(UUID networkId, UUID memberId) {
        return members.inNetwork(networkId, memberId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("member", memberId));
    }

    /** Changes the status of a joined member and publishes it. */
    Uni<Member> changeStatus(Member m, MemberStatus to, String reason, String note) {
        MembershipLifecycle.require(m, to);
        MemberStatus from = m.status;
        m.status = to;
        m.statusReason = reason;
        m.statusNote = note;
        m.updatedAt = clock.instant();
        if (to != MemberStatus.SUSPENDED && to != MemberStatus.REMOVED) {
            m.suspendedUntil = null;
            m.sanctionId = null;
        }
        return members.flush().chain(() -> outbox.add(MembersEvents.MEMBER_STATUS_CHANGED, m.networkId,
                MemberEventPayloads.subject(m), MemberEventPayloads.statusChanged(m, from))).replaceWith(m);
    }

    private Uni<Member> exit(Member m, MemberStatus to, String reason, String note) {
        m.leftAt = clock.instant();
        return changeStatus(m, to, reason, note);
    }

    private Uni<Member> join(Member m, MemberStatus expected, JoinRoute route) {
        if (m.status != expected) {
            throw ProblemException.invalidTransition("member " + m.id, m.status, "only a " + expected + " member can join this way");
        }
        MembershipLifecycle.require(m, MemberStatus.ACTIVE);
        Instant now = clock.instant();
        m.status = MemberStatus.ACTIVE;
        m.statusReason = null;
        m.statusNote = null;
        m.joinedAt = now;
        m.leftAt = null;
        m.updatedAt = now;
        return members.flush().chain(() -> outbox.add(MembersEvents.MEMBER_JOINED, m.networkId,
                MemberEventPayloads.subject(m), MemberEventPayloads.joined(m, route))).chain(() -> publishProfile(m)).replaceWith(m);
    }

    /** The member's profile and sign-in identity, on the compacted profiles topic (keyed by member id). */
    Uni<UUID> publishProfile(Member m) {
        return MemberLink.<MemberLink>list("memberId = ?1 and revokedAt is null order by id", m.id)
                .chain(links -> outbox.add(MembersEvents.MEMBER_PROFILE, m.networkId, MemberEventPayloads.subject(m), m.id.toString(),
                        MemberEventPayloads.profile(m, links)));
    }

    private static boolean joined(Member m) {
        return m.joinedAt != null;
    }

    private static Member newMember(UUID networkId, Instant now) {
        Member m = new Member();
        m.id = Ids.next();
        m.networkId = networkId;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }

    private static void profile(Member m, MemberDtos.Profile p) {
        m.displayName = p.displayName();
        if (m.email != null && !m.email.equalsIgnoreCase(p.email())) {
            m.emailMatching = false; // a new address is matched only once the member verifies and allows it again
        }
        m.email = p.email();
        m.organisation = p.organisation();
        m.constituency = p.constituency();
        m.interests = p.interests() == null ? new String[0] : p.interests().stream().distinct().toArray(String[]::new);
        m.sharedWithPartners = p.sharedWithPartners() == null ? new String[0]
                : p.sharedWithPartners().stream().distinct().map(SharedField::name).toArray(String[]::new);
    }

    /** A person has one membership per network; a suspended member cannot apply again. */
    private static ProblemException onePerPerson(Member existing) {
        return ProblemException.rule("one-membership-per-person", "You already have a membership in this network ("
                + existing.status + ")" + (existing.status == MemberStatus.SUSPENDED
                ? "; a suspended member cannot apply again." : "."), false);
    }
}
