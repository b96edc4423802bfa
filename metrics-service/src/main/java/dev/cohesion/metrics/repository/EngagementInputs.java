package dev.cohesion.metrics.repository;

import dev.cohesion.events.EventJson;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.Reconsideration;
import dev.cohesion.metrics.domain.Segments;
import dev.cohesion.metrics.domain.Trust;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads what engagement is computed from, for one member or a page of members (a whole network is read page by page),
 * in two statements that never read raw activities: the member rows joined with their weekly sums of the last 16
 * weeks, their stance on and request to reconsider the current purpose and their acknowledgement of the current norm
 * book; then their sanctions.
 */
@ApplicationScoped
public class EngagementInputs {

    /** The network's rules and current purpose and book. */
    public record NetworkFacts(UUID id, String name, MemberEngagement.Rules rules, UUID currentPurposeId,
                               Integer currentBookVersion, String weights, long version) {
    }

    /**
     * A member's inputs and the facts health needs beyond engagement: {@code exitReason} is why they left or were
     * removed (null while a member), {@code askedToReconsiderAt} when the organisers asked them to reconsider the
     * current purpose (null: not asked, or no purpose).
     */
    public record MemberRow(MemberEngagement.Inputs inputs, String displayName, String organisation, Instant leftAt,
                            String exitReason, Instant askedToReconsiderAt) {

        /** The member as the reconsideration outcome counts them; null when they were not asked. */
        public Reconsideration.Asked reconsideration() {
            return askedToReconsiderAt == null ? null : new Reconsideration.Asked(askedToReconsiderAt, inputs.status(),
                    Boolean.TRUE.equals(inputs.endorsesPurpose()), leftAt, exitReason);
        }
    }

    private static final Columns NETWORK = Columns.of("name", "half_life_days", "active_within_days", "dormant_after_days",
            "new_member_days", "core_participation", "current_purpose_id", "current_book_version", "weights", "version");
    private static final Columns MEMBER = Columns.of("m.id", "m.status", "m.joined_at", "m.participation", "m.participation_at",
            "m.last_activity_at", "coalesce(i.display_name, 'Erased member') as display_name", "i.organisation", "m.left_at",
            "m.first_activity_at", "m.exit_reason");
    /** A member's weekly sums of the last 16 weeks, as engagement needs them (parameters :w3, :w4, :w7, :w11, :w15). */
    private static final Columns WEEK_FIGURES = Columns.of("count(*) filter (where week >= :w11) as weeks_recent",
            "count(*) filter (where week between :w15 and :w4) as weeks_before",
            "coalesce(sum(weight) filter (where week >= :w3), 0) as weight_recent",
            "coalesce(sum(weight) filter (where week between :w7 and :w4), 0) as weight_before");
    private static final Columns SANCTION = Columns.of("member_id", "rung", "applied_at", "expunged");
    /** A few members with their weeks, stance, acknowledgement and request to reconsider, in one statement. */
    private static final Columns FEW = MEMBER.and("wk.weeks_recent", "wk.weeks_before", "wk.weight_recent", "wk.weight_before",
            "st.stance", "st.recorded_at", "ak.acknowledged_at", "rc.asked_at");
    /** Stands for "no current purpose" in a join that then matches nothing (as book version 0 does: versions start at 1). */
    private static final UUID NO_PURPOSE = new UUID(0, 0);

    public Uni<NetworkFacts> network(UUID networkId) {
        return Sql.rows("select " + NETWORK + " from network where id = :n", "n", networkId).map(rows -> {
            if (rows.isEmpty()) {
                return null;
            }
            Columns.Row r = NETWORK.row(rows.get(0));
            return new NetworkFacts(networkId, r.string("name"), new MemberEngagement.Rules(r.number("half_life_days"),
                    new Segments.Thresholds(r.integer("active_within_days"), r.integer("dormant_after_days"),
                            r.integer("new_member_days"), r.number("core_participation"))),
                    r.uuid("current_purpose_id"), r.optionalInteger("current_book_version"), r.string("weights"), r.whole("version"));
        });
    }

    /**
     * The network's engagement rules become these, and its version moves on; only from {@code expectedVersion} when
     * given. Returns the rows updated (0: the version had moved).
     */
    public Uni<Integer> updateRules(UUID networkId, double halfLifeDays, double coreParticipation, Map<String, Double> weights,
                                    Long expectedVersion) {
        return Sql.update("""
                update network set half_life_days = :h, core_participation = :core, weights = :w, version = version + 1
                where id = :n and (version = :v or :anyVersion)""", "h", halfLifeDays, "core", coreParticipation,
                "w", EventJson.MAPPER.valueToTree(weights).toString(), "n", networkId, "v", expectedVersion == null ? -1 : expectedVersion,
                "anyVersion", expectedVersion == null);
    }

    /** One member, or an empty list. */
    public Uni<List<MemberRow>> one(NetworkFacts network, UUID memberId, Instant now) {
        return load(network, " and m.id = :member", new Object[] {"n", network.id(), "member", memberId}, now);
    }

    /** Which members a list reads from the database before it computes their engagement. */
    public enum Only {
        /** every member */
        ALL,
        /** current members without activity for the network's dormancy period ({@link Segments#dormant}'s test) */
        DORMANT,
        /** active members who have not acknowledged the current norm book (none when there is no book) */
        NOT_ACKNOWLEDGED,
        /**
         * active members asked to reconsider the current purpose more than {@value Reconsideration#OVERDUE_AFTER_DAYS}
         * days ago who do not endorse it ({@link Reconsideration#answer}'s UNANSWERED, overdue; none without a purpose)
         */
        RECONSIDERATION_OVERDUE
    }

    /** The next {@code limit} members after the given id (null: from the first), in id order, of those {@code only} names. */
    public Uni<List<MemberRow>> chunk(NetworkFacts network, UUID after, int limit, Only only, Instant now) {
        Object[] params = {"n", network.id(), "after", after == null ? new UUID(0, 0) : after};
        String filter = "";
        if (only == Only.DORMANT) {
            Segments.Thresholds t = network.rules().thresholds();
            filter = " and m.status in ('ACTIVE', 'SUSPENDED') and (m.last_activity_at < :dormantCut"
                    + " or (m.last_activity_at is null and m.joined_at <= :newCut))";
            params = with(params, "dormantCut", now.minus(Duration.ofDays(t.dormantAfterDays())),
                    "newCut", now.minus(Duration.ofDays(t.newMemberDays())));
        } else if (only == Only.NOT_ACKNOWLEDGED) {
            if (network.currentBookVersion() == null) {
                return Uni.createFrom().item(List.of());
            }
            filter = " and m.status = 'ACTIVE' and not exists (select 1 from acknowledgement a where a.network_id = m.network_id"
                    + " and a.member_id = m.id and a.book_version = :book)";
            params = with(params, "book", network.currentBookVersion());
        } else if (only == Only.RECONSIDERATION_OVERDUE) {
            if (network.currentPurposeId() == null) {
                return Uni.createFrom().item(List.of());
            }
            filter = " and m.status = 'ACTIVE' and exists (select 1 from reconsideration r where r.member_id = m.id"
                    + " and r.purpose_id = :purpose and r.asked_at < :askedCut) and not exists (select 1 from stance s"
                    + " where s.member_id = m.id and s.purpose_id = :purpose and s.stance = 'ENDORSE')";
            params = with(params, "purpose", network.currentPurposeId(),
                    "askedCut", now.minus(Duration.ofDays(Reconsideration.OVERDUE_AFTER_DAYS)));
        }
        return load(network, " and m.id > :after" + filter + " order by m.id limit " + Math.max(1, limit), params, now);
    }

    /** A few members (a page, one member) in two statements: the members joined with their other facts, then their sanctions. */
    private Uni<List<MemberRow>> load(NetworkFacts network, String where, Object[] params, Instant now) {
        LocalDate w = week(now);
        Object[] weeks = {"w11", w.minusWeeks(11), "w15", w.minusWeeks(15), "w4", w.minusWeeks(4), "w3", w.minusWeeks(3),
            "w7", w.minusWeeks(7)};
        String order = where.contains("order by") ? "" : " order by m.id";
        // the page's members first (the narrowing and the limit on the member table alone), then their other facts for
        // those few rows only (benchmarks/README.md, "2026-12-04")
        return Sql.rows("with page as materialized (select m.id from member m where m.network_id = :n" + where + order + ")"
                + " select " + FEW + """
                 from page join member m on m.id = page.id and m.network_id = :n
                left join member_identity i on i.member_id = m.id
                left join lateral (select %s from member_week where member_id = m.id and week >= :w15) wk on true
                left join stance st on st.member_id = m.id and st.purpose_id = :purpose and st.network_id = m.network_id
                left join acknowledgement ak on ak.member_id = m.id and ak.book_version = :book and ak.network_id = m.network_id
                left join reconsideration rc on rc.member_id = m.id and rc.purpose_id = :purpose and rc.network_id = m.network_id
                order by m.id""".formatted(WEEK_FIGURES), with(with(params, weeks),
                "purpose", network.currentPurposeId() == null ? NO_PURPOSE : network.currentPurposeId(),
                "book", network.currentBookVersion() == null ? 0 : network.currentBookVersion()))
                .chain(members -> members.isEmpty() ? Uni.createFrom().item(List.<MemberRow>of()) : Sql.rows("select " + SANCTION
                        + " from sanction where member_id = any(cast(:ids as uuid[])) and network_id = :n", "n", network.id(), "ids",
                        FEW.map(members, r -> r.uuid("id")).toArray(UUID[]::new))
                        .map(sanctions -> assemble(network, members, sanctions(sanctions))));
    }

    private static List<MemberRow> assemble(NetworkFacts network, List<Object[]> members, Map<UUID, List<Trust.Sanction>> sanctions) {
        return FEW.map(members, m -> {
            UUID id = m.uuid("id");
            Boolean endorses = network.currentPurposeId() == null ? null : "ENDORSE".equals(m.string("stance"));
            Instant acknowledgedAt = m.instant("acknowledged_at");
            return new MemberRow(new MemberEngagement.Inputs(id, m.string("status"), m.instant("joined_at"),
                    m.instant("first_activity_at"), m.number("participation"), m.instant("participation_at"),
                    m.instant("last_activity_at"), m.integer("weeks_recent"), m.integer("weeks_before"), m.number("weight_recent"),
                    m.number("weight_before"), endorses, Boolean.TRUE.equals(endorses) ? m.instant("recorded_at") : null,
                    network.currentBookVersion() == null ? null : acknowledgedAt != null, acknowledgedAt, sanctions.getOrDefault(id, List.of())),
                    m.string("display_name"), m.string("organisation"), m.instant("left_at"), m.string("exit_reason"),
                    m.instant("asked_at"));
        });
    }

    private static Map<UUID, List<Trust.Sanction>> sanctions(List<Object[]> rows) {
        Map<UUID, List<Trust.Sanction>> byMember = new HashMap<>();
        for (Object[] values : rows) {
            Columns.Row s = SANCTION.row(values);
            byMember.computeIfAbsent(s.uuid("member_id"), k -> new ArrayList<>())
                    .add(new Trust.Sanction(SanctionRung.valueOf(s.string("rung")), s.instant("applied_at"), s.bool("expunged")));
        }
        return byMember;
    }

    public static LocalDate week(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Object[] with(Object[] base, Object... more) {
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

}
