package dev.cohesion.members.events;

import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.EmailMatchKey;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.PartnerLink;
import dev.cohesion.members.domain.MemberLink;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerRevoked;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.events.members.Principal;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.members.PurposeConsultationOpened;
import dev.cohesion.events.members.PurposeRejected;
import dev.cohesion.events.members.Role;
import dev.cohesion.events.members.Tally;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.Network;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.domain.Purpose;

import java.util.List;

/** Explicit mapping from members-service's entities to the payloads of its events (event-contracts). */
public final class MemberEventPayloads {

    private MemberEventPayloads() {
    }

    public static NetworkSettings settings(Network n) {
        return new NetworkSettings(n.activeWithinDays, n.dormantAfterDays, n.newMemberDays, n.quorum, n.endorsementThreshold,
                n.departedProfileDays, n.closedCaseTextMonths, n.rawActivityMonths);
    }

    public static NetworkCreated created(Network n) {
        return new NetworkCreated(n.id, n.slug, n.name, settings(n), n.createdAt);
    }

    public static NetworkUpdated updated(Network n) {
        return new NetworkUpdated(n.id, n.slug, n.name, settings(n), n.version, n.updatedAt);
    }

    public static MemberJoined joined(Member m, JoinRoute route) {
        return new MemberJoined(m.networkId, m.id, roles(m), route, m.joinedAt);
    }

    /**
     * The member's profile and sign-in identity, for the compacted profiles topic, with the match key of their e-mail
     * when they let partners match them by it and partners' identifiers for them (links in force).
     */
    public static MemberProfile profile(Member m, List<MemberLink> links) {
        return new MemberProfile(m.networkId, m.id, m.displayName, m.organisation, m.constituency, List.of(m.interests),
                new Principal(m.issuer, m.subject), m.updatedAt,
                m.emailMatching && m.email != null ? EmailMatchKey.of(m.email) : null,
                links.stream().map(l -> new PartnerLink(l.partnerId, l.externalId)).toList());
    }

    public static PartnerRegistered registered(Partner p) {
        return new PartnerRegistered(p.networkId, p.id, p.name, p.issuer, p.clientId,
                java.util.Arrays.stream(p.scopes).map(PartnerScope::valueOf).toList(), p.registeredBy, p.registeredAt);
    }

    public static PartnerRevoked revoked(Partner p) {
        return new PartnerRevoked(p.networkId, p.id, p.revokedBy, p.revokedAt);
    }

    public static MemberStatusChanged statusChanged(Member m, MemberStatus from) {
        return new MemberStatusChanged(m.networkId, m.id, from, m.status, m.statusReason,
                m.status == MemberStatus.SUSPENDED ? m.suspendedUntil : null, m.sanctionId, m.updatedAt);
    }

    public static MemberRolesChanged rolesChanged(Member m) {
        return new MemberRolesChanged(m.networkId, m.id, roles(m), m.updatedAt);
    }

    public static MemberErased erased(Member m) {
        return new MemberErased(m.networkId, m.id, m.erasedAt);
    }

    public static PurposeConsultationOpened consultationOpened(Purpose p) {
        return new PurposeConsultationOpened(p.networkId, p.id, p.number, p.statement, p.opensAt, p.closesAt);
    }

    public static Tally tally(Purpose p) {
        return new Tally(p.tallyActive, p.tallyEndorse, p.tallyObject, p.tallyAbstain);
    }

    public static PurposeAdopted adopted(Purpose p, Purpose superseded) {
        return new PurposeAdopted(p.networkId, p.id, p.number, p.statement, tally(p),
                superseded == null ? null : superseded.id, p.decidedAt);
    }

    public static PurposeRejected rejected(Purpose p) {
        return new PurposeRejected(p.networkId, p.id, p.number, tally(p), p.rejectionReason, p.decidedAt);
    }

    public static List<Role> roles(Member m) {
        return m.organiser ? List.of(Role.ORGANISER, Role.MEMBER) : List.of(Role.MEMBER);
    }

    public static String subject(Member m) {
        return "members/" + m.id;
    }

    public static String subject(Partner p) {
        return "partners/" + p.id;
    }

    public static String subject(Purpose p) {
        return "purposes/" + p.id;
    }

}
