package dev.cohesion.members.service;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.MemberLink;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.repository.MemberLinkRepository;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.repository.PartnerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Partners' own identifiers for members (docs/partners.md#members-by-your-own-identifiers): a member lets partners
 * match them by their verified e-mail; a partner that knows the address links its own id for the person; the member
 * sees the links and revokes them. Every change republishes the member's profile, which carries the e-mail's match
 * key and the links to metrics-service.
 */
@ApplicationScoped
public class MemberLinks {

    private static final Set<MemberStatus> LINKABLE = EnumSet.of(MemberStatus.ACTIVE, MemberStatus.SUSPENDED);

    private final MemberLinkRepository links;
    private final MemberRepository members;
    private final PartnerRepository partners;
    private final MembershipService membership;
    private final AuditLog audit;
    private final Clock clock;

    MemberLinks(MemberLinkRepository links, MemberRepository members, PartnerRepository partners, MembershipService membership,
                AuditLog audit, Clock clock) {
        this.links = links;
        this.members = members;
        this.partners = partners;
        this.membership = membership;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The member allows, or no longer allows, matching by their e-mail. Allowing needs a token whose verified
     * e-mail is the member's address: the identity provider vouches that the address is theirs.
     */
    @WithTransaction
    public Uni<Member> emailMatching(UUID networkId, UUID memberId, boolean allowed, Identity caller) {
        return membership.member(networkId, memberId).chain(m -> {
            if (allowed && (m.email == null || caller.verifiedEmail().map(e -> !e.equalsIgnoreCase(m.email)).orElse(true))) {
                throw ProblemException.rule("email-not-verified", "Partners can match you only by an e-mail address your "
                        + "identity provider has verified: sign in with a verified address that is the one on your profile ("
                        + m.email + ").", false);
            }
            m.emailMatching = allowed;
            m.updatedAt = clock.instant();
            return members.flush().chain(() -> membership.publishProfile(m)).replaceWith(m);
        });
    }

    /** The calling partner links its own id for the person to the member whose verified, matchable e-mail it names. */
    @WithTransaction
    public Uni<MemberLink> link(UUID networkId, Identity partnerClient, String externalId, String email) {
        return partners.current(networkId, partnerClient.issuer(), partnerClient.clientId())
                .onItem().ifNull().failWith(() -> ProblemException.forbidden("only a registered partner links its own identifiers"))
                .chain(partner -> members.find("networkId = ?1 and emailMatching = true and lower(email) = ?2", networkId,
                                email.trim().toLowerCase(Locale.ROOT)).firstResult()
                        .chain(m -> {
                            if (m == null || !LINKABLE.contains(m.status)) {
                                throw new ProblemException(dev.cohesion.kit.api.problem.ProblemType.NOT_FOUND,
                                        "No member of this network lets partners match them by that e-mail address.");
                            }
                            return links.current(partner.id, externalId, m.id).chain(existing -> existing == null
                                    ? create(partner, m, externalId).call(l -> audit.record(networkId, "member-link.created",
                                            "member", m.id, null, Map.of("link", l.id, "partner", partner.id)))
                                    : same(existing, m, externalId));
                        }));
    }

    @WithSession
    public Uni<List<MemberLink>> ofMember(UUID networkId, UUID memberId, PageRequest page) {
        return membership.member(networkId, memberId).chain(m -> links.ofMember(m.id, page));
    }

    @WithSession
    public Uni<List<MemberLink>> ofPartner(UUID networkId, Identity partnerClient, PageRequest page) {
        return partners.current(networkId, partnerClient.issuer(), partnerClient.clientId())
                .onItem().ifNull().failWith(() -> ProblemException.forbidden("only a registered partner has links"))
                .chain(p -> links.ofPartner(p.id, page));
    }

    /** The member (or an organiser) revokes a link: the partner's id for them no longer reaches them. */
    @WithTransaction
    public Uni<MemberLink> revoke(UUID networkId, UUID memberId, UUID linkId, UUID by) {
        return membership.member(networkId, memberId).chain(m -> links.find("id = ?1 and memberId = ?2", linkId, memberId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("link", linkId))
                .chain(l -> {
                    if (!l.inForce()) {
                        throw ProblemException.conflict("Link " + linkId + " was revoked on " + l.revokedAt + ".");
                    }
                    l.revokedAt = clock.instant();
                    l.revokedBy = by;
                    return links.flush().chain(() -> membership.publishProfile(m))
                            .chain(() -> audit.record(networkId, "member-link.revoked", "member", memberId, null,
                                    Map.of("link", l.id, "partner", l.partnerId)))
                            .replaceWith(l);
                }));
    }

    private Uni<MemberLink> create(Partner partner, Member m, String externalId) {
        MemberLink l = new MemberLink();
        l.id = Ids.next();
        l.networkId = m.networkId;
        l.memberId = m.id;
        l.partnerId = partner.id;
        l.externalId = externalId;
        l.linkedAt = clock.instant();
        return links.persist(l).chain(() -> links.flush()).chain(() -> membership.publishProfile(m)).replaceWith(l);
    }

    /** Linking again what is linked answers the link; anything else contradicts a link in force. */
    private static Uni<MemberLink> same(MemberLink existing, Member m, String externalId) {
        if (existing.memberId.equals(m.id) && existing.externalId.equals(externalId)) {
            return Uni.createFrom().item(existing);
        }
        throw ProblemException.conflict(existing.externalId.equals(externalId)
                ? "Your identifier " + externalId + " is linked to another member; they can revoke that link."
                : "This member is linked to your identifier " + existing.externalId + "; they can revoke that link first.");
    }
}
