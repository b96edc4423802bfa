package dev.cohesion.metrics.service;

import dev.cohesion.events.EventJson;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerRevoked;
import dev.cohesion.events.members.Role;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.members.StanceRecorded;
import dev.cohesion.events.norms.AppealDecided;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.CaseDecided;
import dev.cohesion.events.norms.NormBookAcknowledged;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.metrics.config.MetricsConfig;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
import dev.cohesion.metrics.repository.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * metrics-service's projections of members-service's and norms-service's events, written with idempotent
 * set-based SQL inside the consumer's transaction. A members event that would move a member to another network,
 * or names a member the network does not have, is dead-lettered with the reason (that topic is ordered per
 * network, so such an event is wrong, not early).
 */
@ApplicationScoped
public class Projections {

    private final MetricsConfig.Defaults defaults;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Clock clock;
    private final java.time.Duration unmatchedWindow;
    private final ReconsiderationRequests reconsiderations;

    Projections(MetricsConfig config, Inbox inbox, Outbox outbox, Clock clock, ReconsiderationRequests reconsiderations) {
        this.defaults = config.defaults();
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
        this.unmatchedWindow = config.unmatchedWindow();
        this.reconsiderations = reconsiderations;
    }

    public Uni<?> apply(ConsumedEvent e) {
        if (e.is(MembersEvents.NETWORK_CREATED)) {
            var n = e.payload(MembersEvents.NETWORK_CREATED);
            return network(n.networkId(), n.name(), n.settings(), n.createdAt());
        }
        if (e.is(MembersEvents.NETWORK_UPDATED)) {
            var n = e.payload(MembersEvents.NETWORK_UPDATED);
            return network(n.networkId(), n.name(), n.settings(), n.updatedAt());
        }
        if (e.is(MembersEvents.MEMBER_JOINED) || e.is(MembersEvents.MEMBER_JOINED_V1)) {
            MemberJoined j = e.is(MembersEvents.MEMBER_JOINED) ? e.payload(MembersEvents.MEMBER_JOINED)
                    : e.payload(MembersEvents.MEMBER_JOINED_V1).facts();
            return Sql.update("""
                    insert into member (id, network_id, status, organiser, joined_at)
                    values (:id, :network, 'ACTIVE', :organiser, :joined)
                    on conflict (id) do update set status = 'ACTIVE', organiser = excluded.organiser,
                        joined_at = excluded.joined_at, left_at = null, exit_reason = null
                    where member.network_id = excluded.network_id""",
                    "id", j.memberId(), "network", j.networkId(),
                    "organiser", j.roles().contains(Role.ORGANISER), "joined", j.joinedAt()).chain(n -> n == 0
                    ? inbox.deadLetter(e, "member " + j.memberId() + " belongs to another network") : Uni.createFrom().voidItem());
        }
        if (e.is(MembersEvents.MEMBER_STATUS_CHANGED)) {
            MemberStatusChanged s = e.payload(MembersEvents.MEMBER_STATUS_CHANGED);
            boolean gone = s.to().name().equals("LEFT") || s.to().name().equals("REMOVED");
            // the exit reason (DOES_NOT_SHARE_PURPOSE answers a request to reconsider) goes with the departure it explains
            return known(e, s.networkId(), s.memberId(), Sql.update(
                    "update member set status = :status, left_at = :left, exit_reason = :reason where id = :id and network_id = :network",
                    "status", s.to().name(), "left", gone ? s.changedAt() : null, "reason", gone ? s.reason() : null,
                    "id", s.memberId(), "network", s.networkId()));
        }
        if (e.is(MembersEvents.MEMBER_ROLES_CHANGED)) {
            MemberRolesChanged r = e.payload(MembersEvents.MEMBER_ROLES_CHANGED);
            return known(e, r.networkId(), r.memberId(), Sql.update(
                    "update member set organiser = :organiser where id = :id and network_id = :network",
                    "organiser", r.roles().contains(Role.ORGANISER), "id", r.memberId(), "network", r.networkId()));
        }
        if (e.is(MembersEvents.MEMBER_PROFILE)) {
            MemberProfile p = e.payload(MembersEvents.MEMBER_PROFILE);
            return Sql.update("""
                    insert into member_identity (member_id, network_id, issuer, subject, display_name, organisation, email_match_key)
                    values (:member, :network, :issuer, :subject, :name, :organisation, :email)
                    on conflict (member_id) do update set issuer = excluded.issuer, subject = excluded.subject,
                        display_name = excluded.display_name, organisation = excluded.organisation,
                        email_match_key = excluded.email_match_key""",
                    "member", p.memberId(), "network", p.networkId(), "issuer", p.principal().issuer(), "subject", p.principal().subject(),
                    "name", p.displayName(), "organisation", p.organisation(), "email", p.emailMatchKey())
                    .chain(() -> PartnerIdentifiers.replaceLinks(p.networkId(), p.memberId(),
                            p.partnerLinks() == null ? List.of() : p.partnerLinks()))
                    .chain(() -> recordMatched(p));
        }
        if (e.is(MembersEvents.PARTNER_REGISTERED)) {
            PartnerRegistered p = e.payload(MembersEvents.PARTNER_REGISTERED);
            return Sql.update("""
                    insert into partner (id, network_id, issuer, client_id, scopes) values (:id, :network, :issuer, :client,
                        array(select jsonb_array_elements_text(cast(cast(:scopes as text) as jsonb))))
                    on conflict (id) do update set scopes = excluded.scopes""",
                    "id", p.partnerId(), "network", p.networkId(), "issuer", p.issuer(), "client", p.clientId(),
                    "scopes", EventJson.MAPPER.valueToTree(p.scopes().stream().map(Enum::name).toList()).toString());
        }
        if (e.is(MembersEvents.PARTNER_REVOKED)) {
            PartnerRevoked p = e.payload(MembersEvents.PARTNER_REVOKED);
            return Sql.update("update partner set revoked_at = :at where id = :id and network_id = :network",
                    "at", p.revokedAt(), "id", p.partnerId(), "network", p.networkId());
        }
        if (e.is(MembersEvents.MEMBER_ERASED)) {
            MemberErased x = e.payload(MembersEvents.MEMBER_ERASED);
            return known(e, x.networkId(), x.memberId(), Sql.update("update member set display_name = null where id = :id and network_id = :network",
                    "id", x.memberId(), "network", x.networkId()))
                    .chain(() -> Sql.rows("select issuer, subject from member_identity where member_id = :id", "id", x.memberId()))
                    .chain(rows -> IdempotencyKeys.forget(rows.isEmpty() ? null : IdempotencyKeys.client((String) rows.get(0)[0],
                            (String) rows.get(0)[1]), List.of(x.memberId().toString())))
                    .chain(() -> forgetProfile(x.memberId()))
                    .chain(() -> reconsiderations.forget(x.memberId()));
        }
        if (e.is(MembersEvents.PURPOSE_ADOPTED)) {
            PurposeAdopted p = e.payload(MembersEvents.PURPOSE_ADOPTED);
            return Sql.update("update network set current_purpose_id = :purpose where id = :network",
                    "purpose", p.purposeId(), "network", p.networkId());
        }
        if (e.is(MembersEvents.STANCE_RECORDED)) {
            StanceRecorded s = e.payload(MembersEvents.STANCE_RECORDED);
            return Sql.update("""
                    insert into stance (member_id, purpose_id, network_id, stance, recorded_at)
                    values (:member, :purpose, :network, :stance, :at)
                    on conflict (member_id, purpose_id) do update set stance = excluded.stance, recorded_at = excluded.recorded_at
                    where stance.recorded_at <= excluded.recorded_at""",
                    "member", s.memberId(), "purpose", s.purposeId(), "network", s.networkId(), "stance", s.stance().name(),
                    "at", s.recordedAt());
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
        return Sql.update("delete from member_identity where member_id = :id", "id", memberId)
                .chain(() -> Sql.update("delete from partner_link where member_id = :id", "id", memberId)).replaceWithVoid();
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
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PartnerIdentifiers.Matched m : matched) {
            PartnerIdentifiers.Unmatched u = m.activity();
            ActivityRecorded a = new ActivityRecorded(u.networkId(), m.memberId(), u.type(), u.occurredAt(), u.weight(), u.source(),
                    u.idempotencyKey());
            chain = chain.chain(() -> outbox.add(ActivitiesEvents.ACTIVITY_RECORDED, u.networkId(), "members/" + m.memberId(),
                    m.memberId().toString(), a)).replaceWithVoid();
        }
        return chain;
    }

    private Uni<?> norms(ConsumedEvent e) {
        if (e.is(NormsEvents.NORM_BOOK_PUBLISHED)) {
            NormBookPublished b = e.payload(NormsEvents.NORM_BOOK_PUBLISHED);
            return Sql.update("update network set current_book_version = greatest(coalesce(current_book_version, 0), :v) where id = :n",
                    "v", b.version(), "n", b.networkId());
        }
        if (e.is(NormsEvents.NORM_BOOK_ACKNOWLEDGED)) {
            NormBookAcknowledged a = e.payload(NormsEvents.NORM_BOOK_ACKNOWLEDGED);
            return Sql.update("""
                    insert into acknowledgement (member_id, book_version, network_id, acknowledged_at)
                    values (:member, :version, :network, :at) on conflict do nothing""",
                    "member", a.memberId(), "version", a.normBookVersion(), "network", a.networkId(), "at", a.acknowledgedAt());
        }
        if (e.is(NormsEvents.BREACH_REPORTED)) {
            BreachReported r = e.payload(NormsEvents.BREACH_REPORTED);
            return Sql.update("""
                    insert into breach_case (id, network_id, norm_id, norm_code, subject_id, reported_at)
                    values (:id, :network, :norm, :code, :subject, :at) on conflict do nothing""",
                    "id", r.caseId(), "network", r.networkId(), "norm", r.normId(), "code", r.normCode(),
                    "subject", r.subjectMemberId(), "at", r.reportedAt());
        }
        if (e.is(NormsEvents.CASE_DECIDED)) {
            CaseDecided d = e.payload(NormsEvents.CASE_DECIDED);
            return Sql.update("update breach_case set decided_at = :at, outcome = :outcome where id = :id",
                    "at", d.decidedAt(), "outcome", d.outcome().name(), "id", d.caseId());
        }
        if (e.is(NormsEvents.SANCTION_APPLIED)) {
            SanctionApplied s = e.payload(NormsEvents.SANCTION_APPLIED);
            return Sql.update("""
                    insert into sanction (id, network_id, member_id, rung, applied_at)
                    values (:id, :network, :member, :rung, :at) on conflict do nothing""",
                    "id", s.sanctionId(), "network", s.networkId(), "member", s.memberId(), "rung", s.rung().name(),
                    "at", s.appliedAt());
        }
        if (e.is(NormsEvents.SANCTION_LIFTED)) {
            SanctionLifted l = e.payload(NormsEvents.SANCTION_LIFTED);
            return Sql.update("update sanction set expunged = :expunged where id = :id", "expunged", l.expunged(), "id", l.sanctionId());
        }
        AppealDecided a = e.payload(NormsEvents.APPEAL_DECIDED);
        return Sql.update("""
                insert into appeal (id, network_id, norm_id, outcome, decided_at)
                values (:id, :network, :norm, :outcome, :at) on conflict do nothing""",
                "id", a.appealId(), "network", a.networkId(), "norm", a.normId(), "outcome", a.outcome().name(), "at", a.decidedAt());
    }

    /** Dead-letters the event when its update found no such member in the network. */
    private Uni<Void> known(ConsumedEvent e, UUID networkId, UUID memberId, Uni<Integer> update) {
        return update.chain(n -> n == 0
                ? inbox.deadLetter(e, "member " + memberId + " is not a member of network " + networkId + " here")
                : Uni.createFrom().voidItem());
    }

    private Uni<Integer> network(UUID id, String name, NetworkSettings s, Instant at) {
        return Sql.update("""
                insert into network (id, name, active_within_days, dormant_after_days, new_member_days, half_life_days,
                                     core_participation, weights, raw_activity_months, version, created_at)
                values (:id, :name, :active, :dormant, :newMember, :halfLife, :core, :weights, :rawMonths, 0, :at)
                on conflict (id) do update set name = excluded.name, active_within_days = excluded.active_within_days,
                    dormant_after_days = excluded.dormant_after_days, new_member_days = excluded.new_member_days,
                    raw_activity_months = excluded.raw_activity_months""",
                "id", id, "name", name, "active", s.activeWithinDays(), "dormant", s.dormantAfterDays(),
                "newMember", s.newMemberDays(), "halfLife", defaults.halfLifeDays(), "core", defaults.coreParticipation(),
                "weights", EventJson.MAPPER.valueToTree(defaults.weights()).toString(), "rawMonths", s.rawActivityMonthsOrDefault(), "at", at);
    }
}
