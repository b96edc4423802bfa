package dev.cohesion.metrics.repository;

import dev.cohesion.events.EventJson;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberRolesChanged;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerRevoked;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.members.Role;
import dev.cohesion.events.members.StanceRecorded;
import dev.cohesion.events.norms.AppealDecided;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.CaseDecided;
import dev.cohesion.events.norms.NormBookAcknowledged;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.metrics.config.MetricsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The projections of members-service's and norms-service's events: one idempotent statement (or a few) per event,
 * in the caller's session and transaction. Updates of a member return the rows they changed, so the caller can tell
 * an event about a member this network does not have.
 */
@ApplicationScoped
public class ProjectionStore {

    /** What a rebuild empties: every projection, and the inbox's record of the events applied. */
    private static final String REPLAYED_TABLES = "member, activity, stance, reconsideration, acknowledgement, "
            + "breach_case, sanction, appeal, health, member_identity, partner_link, partner, processed_event";
    /** The weekly sums that the activities on the topic will add again: those from each network's fold line on. */
    private static final String UNFOLDED = "where not exists (select 1 from network n where n.id = w.network_id "
            + "and w.week < cast(n.folded_before at time zone 'UTC' as date))";
    private static final Columns SIGN_IN = Columns.of("issuer", "subject");

    private final MetricsConfig.Defaults defaults;

    ProjectionStore(MetricsConfig config) {
        this.defaults = config.defaults();
    }

    /** The network, created with the service's default engagement rules, or its name and settings updated. */
    public Uni<Integer> network(UUID id, String name, NetworkSettings s, Instant at) {
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

    /** A member joined (or came back); 0 when the member belongs to another network. */
    public Uni<Integer> joined(MemberJoined j) {
        return Sql.update("""
                insert into member (id, network_id, status, organiser, joined_at)
                values (:id, :network, 'ACTIVE', :organiser, :joined)
                on conflict (id) do update set status = 'ACTIVE', organiser = excluded.organiser,
                    joined_at = excluded.joined_at, left_at = null, exit_reason = null
                where member.network_id = excluded.network_id""",
                "id", j.memberId(), "network", j.networkId(), "organiser", j.roles().contains(Role.ORGANISER), "joined", j.joinedAt());
    }

    /** The exit reason (DOES_NOT_SHARE_PURPOSE answers a request to reconsider) goes with the departure it explains. */
    public Uni<Integer> statusChanged(MemberStatusChanged s) {
        boolean gone = s.to().name().equals("LEFT") || s.to().name().equals("REMOVED");
        return Sql.update("update member set status = :status, left_at = :left, exit_reason = :reason where id = :id and network_id = :network",
                "status", s.to().name(), "left", gone ? s.changedAt() : null, "reason", gone ? s.reason() : null,
                "id", s.memberId(), "network", s.networkId());
    }

    public Uni<Integer> rolesChanged(MemberRolesChanged r) {
        return Sql.update("update member set organiser = :organiser where id = :id and network_id = :network",
                "organiser", r.roles().contains(Role.ORGANISER), "id", r.memberId(), "network", r.networkId());
    }

    /** The member's name, organisation, sign-in and e-mail match key (their partners' identifiers: {@link PartnerIdentifiers}). */
    public Uni<Integer> profile(MemberProfile p) {
        return Sql.update("""
                insert into member_identity (member_id, network_id, issuer, subject, display_name, organisation, email_match_key)
                values (:member, :network, :issuer, :subject, :name, :organisation, :email)
                on conflict (member_id) do update set issuer = excluded.issuer, subject = excluded.subject,
                    display_name = excluded.display_name, organisation = excluded.organisation,
                    email_match_key = excluded.email_match_key""",
                "member", p.memberId(), "network", p.networkId(), "issuer", p.principal().issuer(), "subject", p.principal().subject(),
                "name", p.displayName(), "organisation", p.organisation(), "email", p.emailMatchKey());
    }

    public Uni<Integer> partnerRegistered(PartnerRegistered p) {
        return Sql.update("""
                insert into partner (id, network_id, issuer, client_id, scopes) values (:id, :network, :issuer, :client,
                    array(select jsonb_array_elements_text(cast(cast(:scopes as text) as jsonb))))
                on conflict (id) do update set scopes = excluded.scopes""",
                "id", p.partnerId(), "network", p.networkId(), "issuer", p.issuer(), "client", p.clientId(),
                "scopes", EventJson.MAPPER.valueToTree(p.scopes().stream().map(Enum::name).toList()).toString());
    }

    public Uni<Integer> partnerRevoked(PartnerRevoked p) {
        return Sql.update("update partner set revoked_at = :at where id = :id and network_id = :network",
                "at", p.revokedAt(), "id", p.partnerId(), "network", p.networkId());
    }

    /** Erasure's first step: the member row keeps no name; 0 when the network has no such member. */
    public Uni<Integer> forgetName(UUID networkId, UUID memberId) {
        return Sql.update("update member set display_name = null where id = :id and network_id = :network",
                "id", memberId, "network", networkId);
    }

    /** The client the member signs in as (the key of their idempotency records); null without a profile. */
    public Uni<String> signIn(UUID memberId) {
        return Sql.rows("select " + SIGN_IN + " from member_identity where member_id = :id", "id", memberId)
                .map(rows -> rows.isEmpty() ? null : SIGN_IN.map(rows, r -> IdempotencyKeys.client(r.string("issuer"), r.string("subject"))).get(0));
    }

    /** The member's profile and partners' identifiers for them, the only personal data held here, are deleted. */
    public Uni<Void> forgetProfile(UUID memberId) {
        return Sql.update("delete from member_identity where member_id = :id", "id", memberId)
                .chain(() -> Sql.update("delete from partner_link where member_id = :id", "id", memberId)).replaceWithVoid();
    }

    public Uni<Integer> purposeAdopted(PurposeAdopted p) {
        return Sql.update("update network set current_purpose_id = :purpose where id = :network", "purpose", p.purposeId(),
                "network", p.networkId());
    }

    /** The member's stance on a purpose; an older one never replaces a newer one. */
    public Uni<Integer> stance(StanceRecorded s) {
        return Sql.update("""
                insert into stance (member_id, purpose_id, network_id, stance, recorded_at)
                values (:member, :purpose, :network, :stance, :at)
                on conflict (member_id, purpose_id) do update set stance = excluded.stance, recorded_at = excluded.recorded_at
                where stance.recorded_at <= excluded.recorded_at""",
                "member", s.memberId(), "purpose", s.purposeId(), "network", s.networkId(), "stance", s.stance().name(),
                "at", s.recordedAt());
    }

    /**
     * The member was asked to reconsider the purpose at {@code at} (the first time is kept); false, and nothing
     * written, when the network has no such member.
     */
    public Uni<Boolean> reconsiderationAsked(UUID networkId, UUID memberId, UUID purposeId, Instant at) {
        return Sql.column("""
                with known as (select id, network_id from member where id = :member and network_id = :network),
                     asked as (insert into reconsideration (member_id, purpose_id, network_id, asked_at)
                               select id, :purpose, network_id, :at from known
                               on conflict (member_id, purpose_id) do nothing)
                select count(*) from known""", Long.class, "member", memberId, "network", networkId, "purpose", purposeId, "at", at)
                .map(known -> known.get(0) > 0);
    }

    public Uni<Void> forgetReconsiderations(UUID memberId) {
        return Sql.update("delete from reconsideration where member_id = :id", "id", memberId).replaceWithVoid();
    }

    /** The current norm-book version only moves forward. */
    public Uni<Integer> bookPublished(NormBookPublished b) {
        return Sql.update("update network set current_book_version = greatest(coalesce(current_book_version, 0), :v) where id = :n",
                "v", b.version(), "n", b.networkId());
    }

    public Uni<Integer> acknowledged(NormBookAcknowledged a) {
        return Sql.update("""
                insert into acknowledgement (member_id, book_version, network_id, acknowledged_at)
                values (:member, :version, :network, :at) on conflict do nothing""",
                "member", a.memberId(), "version", a.normBookVersion(), "network", a.networkId(), "at", a.acknowledgedAt());
    }

    public Uni<Integer> breachReported(BreachReported r) {
        return Sql.update("""
                insert into breach_case (id, network_id, norm_id, norm_code, subject_id, reported_at)
                values (:id, :network, :norm, :code, :subject, :at) on conflict do nothing""",
                "id", r.caseId(), "network", r.networkId(), "norm", r.normId(), "code", r.normCode(),
                "subject", r.subjectMemberId(), "at", r.reportedAt());
    }

    public Uni<Integer> caseDecided(CaseDecided d) {
        return Sql.update("update breach_case set decided_at = :at, outcome = :outcome where id = :id",
                "at", d.decidedAt(), "outcome", d.outcome().name(), "id", d.caseId());
    }

    public Uni<Integer> sanctionApplied(SanctionApplied s) {
        return Sql.update("""
                insert into sanction (id, network_id, member_id, rung, applied_at)
                values (:id, :network, :member, :rung, :at) on conflict do nothing""",
                "id", s.sanctionId(), "network", s.networkId(), "member", s.memberId(), "rung", s.rung().name(),
                "at", s.appliedAt());
    }

    public Uni<Integer> sanctionLifted(SanctionLifted l) {
        return Sql.update("update sanction set expunged = :expunged where id = :id", "expunged", l.expunged(), "id", l.sanctionId());
    }

    public Uni<Integer> appealDecided(AppealDecided a) {
        return Sql.update("""
                insert into appeal (id, network_id, norm_id, outcome, decided_at)
                values (:id, :network, :norm, :outcome, :at) on conflict do nothing""",
                "id", a.appealId(), "network", a.networkId(), "norm", a.normId(), "outcome", a.outcome().name(), "at", a.decidedAt());
    }

    /**
     * A rebuild's start, under the lock of all folds: the projections are emptied, and the weekly sums the topic will
     * add again; the networks keep their settings and fold lines, and forget their current purpose and book.
     */
    public Uni<Void> emptyForReplay() {
        return Sql.column("select count(*) from (select pg_advisory_xact_lock(" + ActivityFolds.ALL_FOLDS_LOCK + ")) held", Long.class)
                .chain(() -> Sql.update("truncate " + REPLAYED_TABLES))
                .chain(() -> Sql.update("delete from member_week w " + UNFOLDED))
                .chain(() -> Sql.update("delete from network_week w " + UNFOLDED))
                .chain(() -> Sql.update("update network set current_purpose_id = null, current_book_version = null"))
                .replaceWithVoid();
    }

    /** Once the members are back, each one's counters start from what the retention folded for them. */
    public Uni<Integer> membersFromFolds() {
        return Sql.update("""
                update member m set participation = f.participation, participation_at = f.participation_at,
                    first_activity_at = f.first_activity_at, last_activity_at = f.last_activity_at, activity_count = f.activities
                from member_fold f where f.member_id = m.id""");
    }
}
