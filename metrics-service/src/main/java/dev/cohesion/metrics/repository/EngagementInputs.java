package dev.cohesion.metrics.repository;

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
 * Loads what engagement is computed from, for one member or a whole network, with a handful of queries that never
 * read raw activities: the member rows, their weekly sums of the last 16 weeks, stances on and requests to
 * reconsider the current purpose, acknowledgements of the current norm book, sanctions.
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

    /** The member query's select list; each M_ constant is its column's index in it. */
    private static final List<String> MEMBER_COLUMNS = List.of("cast(m.id as text)", "m.status", "m.joined_at",
            "m.participation", "m.participation_at", "m.last_activity_at", "coalesce(i.display_name, 'Erased member')",
            "i.organisation", "m.left_at", "m.first_activity_at", "m.exit_reason");
    private static final int M_ID = 0;
    private static final int M_STATUS = 1;
    private static final int M_JOINED_AT = 2;
    private static final int M_PARTICIPATION = 3;
    private static final int M_PARTICIPATION_AT = 4;
    private static final int M_LAST_ACTIVITY_AT = 5;
    private static final int M_DISPLAY_NAME = 6;
    private static final int M_ORGANISATION = 7;
    private static final int M_LEFT_AT = 8;
    private static final int M_FIRST_ACTIVITY_AT = 9;
    private static final int M_EXIT_REASON = 10;

    public Uni<NetworkFacts> network(UUID networkId) {
        return Sql.rows("""
                select name, half_life_days, active_within_days, dormant_after_days, new_member_days, core_participation,
                       cast(current_purpose_id as text), current_book_version, weights, version
                from network where id = :n""", "n", networkId).map(rows -> {
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.get(0);
            return new NetworkFacts(networkId, (String) r[0], new MemberEngagement.Rules(num(r[1]),
                    new Segments.Thresholds(integer(r[2]), integer(r[3]), integer(r[4]), num(r[5]))),
                    r[6] == null ? null : UUID.fromString((String) r[6]), r[7] == null ? null : integer(r[7]), (String) r[8],
                    ((Number) r[9]).longValue());
        });
    }

    /** Every member of the network, whatever their status. */
    public Uni<List<MemberRow>> all(NetworkFacts network, Instant now) {
        return load(network, "", new Object[] {"n", network.id()}, false, now);
    }

    /** One member, or an empty list. */
    public Uni<List<MemberRow>> one(NetworkFacts network, UUID memberId, Instant now) {
        return load(network, " and m.id = :member", new Object[] {"n", network.id(), "member", memberId}, true, now);
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
        return load(network, " and m.id > :after" + filter + " order by m.id limit " + Math.max(1, limit), params, true, now);
    }

    private Uni<List<MemberRow>> load(NetworkFacts network, String where, Object[] params, boolean few, Instant now) {
        LocalDate w = week(now);
        // rows as arrays, read through the named column indexes of MEMBER_COLUMNS: a whole network is 100,000 rows, and
        // Hibernate's Tuple builds a map per row (metrics-service with -Xmx256m ran out of heap computing health)
        return Sql.rows("select " + String.join(", ", MEMBER_COLUMNS) + """

                from member m left join member_identity i on i.member_id = m.id where m.network_id = :n""" + where + (where.contains("order by") ? "" : " order by m.id"), params)
                .chain(members -> {
                    if (members.isEmpty()) {
                        return Uni.createFrom().item(List.<MemberRow>of());
                    }
                    // for a few members, restrict the other queries to them; for the whole network, to the network
                    String scope = few ? " and member_id in (:ids)" : "";
                    List<UUID> ids = few ? members.stream().map(r -> UUID.fromString((String) r[M_ID])).toList() : List.of();
                    Object[] p = few ? new Object[] {"n", network.id(), "ids", ids} : new Object[] {"n", network.id()};
                    // a few members' weeks by the primary key (member_id, week), never the network's whole 15 weeks
                    Uni<List<Object[]>> weeks = Sql.rows("""
                            select cast(member_id as text),
                                   count(*) filter (where week >= :w11),
                                   count(*) filter (where week between :w15 and :w4),
                                   coalesce(sum(weight) filter (where week >= :w3), 0),
                                   coalesce(sum(weight) filter (where week between :w7 and :w4), 0)
                            from member_week where week >= :w15""" + (few ? " and member_id in (:ids)" : " and network_id = :n") + " group by member_id",
                            with(few ? new Object[] {"ids", ids} : p, "w11", w.minusWeeks(11), "w15", w.minusWeeks(15), "w4", w.minusWeeks(4),
                                    "w3", w.minusWeeks(3), "w7", w.minusWeeks(7)));
                    Uni<List<Object[]>> stances = network.currentPurposeId() == null ? Uni.createFrom().item(List.of()) : Sql.rows(
                            "select cast(member_id as text), stance, recorded_at from stance where network_id = :n and purpose_id = :p"
                                    + scope, with(p, "p", network.currentPurposeId()));
                    Uni<List<Object[]>> acks = network.currentBookVersion() == null ? Uni.createFrom().item(List.of()) : Sql.rows(
                            "select cast(member_id as text), acknowledged_at from acknowledgement where network_id = :n and book_version = :v"
                                    + scope, with(p, "v", network.currentBookVersion()));
                    Uni<List<Object[]>> sanctions = Sql.rows("select cast(member_id as text), rung, applied_at, expunged from sanction "
                            + "where network_id = :n" + scope, p);
                    return weeks.chain(wk -> stances.chain(st -> acks.chain(ak -> sanctions.chain(sa -> asked(network, scope, p)
                            .map(as -> assemble(network, members, wk, st, ak, sa, as))))));
                });
    }

    /** When each member (of the scope) was asked to reconsider the current purpose; none without a purpose. */
    private static Uni<Map<String, Instant>> asked(NetworkFacts network, String scope, Object[] params) {
        if (network.currentPurposeId() == null) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("select cast(member_id as text), asked_at from reconsideration where network_id = :n"
                + " and purpose_id = :purpose" + scope, with(params, "purpose", network.currentPurposeId())).map(rows -> {
                    Map<String, Instant> asked = new HashMap<>();
                    rows.forEach(r -> asked.put((String) r[0], instant(r[1])));
                    return asked;
                });
    }

    private static List<MemberRow> assemble(NetworkFacts network, List<Object[]> members, List<Object[]> weeks,
                                            List<Object[]> stances, List<Object[]> acks, List<Object[]> sanctions,
                                            Map<String, Instant> asked) {
        Map<String, Object[]> weekBy = index(weeks);
        Map<String, Object[]> stanceBy = index(stances);
        Map<String, Object[]> ackBy = index(acks);
        Map<String, List<Trust.Sanction>> sanctionsBy = new HashMap<>();
        for (Object[] s : sanctions) {
            sanctionsBy.computeIfAbsent((String) s[0], k -> new ArrayList<>())
                    .add(new Trust.Sanction(SanctionRung.valueOf((String) s[1]), instant(s[2]), (Boolean) s[3]));
        }
        List<MemberRow> rows = new ArrayList<>(members.size());
        for (Object[] m : members) {
            String id = (String) m[M_ID];
            Object[] wk = weekBy.get(id);
            Object[] st = stanceBy.get(id);
            Object[] ak = ackBy.get(id);
            Boolean endorses = network.currentPurposeId() == null ? null : st != null && "ENDORSE".equals(st[1]);
            Boolean acknowledged = network.currentBookVersion() == null ? null : ak != null;
            rows.add(new MemberRow(new MemberEngagement.Inputs(UUID.fromString(id), (String) m[M_STATUS], instant(m[M_JOINED_AT]),
                    instant(m[M_FIRST_ACTIVITY_AT]), num(m[M_PARTICIPATION]), instant(m[M_PARTICIPATION_AT]),
                    instant(m[M_LAST_ACTIVITY_AT]), wk == null ? 0 : integer(wk[1]), wk == null ? 0 : integer(wk[2]),
                    wk == null ? 0 : num(wk[3]), wk == null ? 0 : num(wk[4]), endorses,
                    Boolean.TRUE.equals(endorses) ? instant(st[2]) : null, acknowledged, ak == null ? null : instant(ak[1]),
                    sanctionsBy.getOrDefault(id, List.of())), (String) m[M_DISPLAY_NAME], (String) m[M_ORGANISATION],
                    instant(m[M_LEFT_AT]), (String) m[M_EXIT_REASON], asked.get(id)));
        }
        return rows;
    }

    public static LocalDate week(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }

    static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    static int integer(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static Map<String, Object[]> index(List<Object[]> rows) {
        Map<String, Object[]> map = new HashMap<>();
        rows.forEach(r -> map.put((String) r[0], r));
        return map;
    }

    private static Object[] with(Object[] base, Object... more) {
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

}
