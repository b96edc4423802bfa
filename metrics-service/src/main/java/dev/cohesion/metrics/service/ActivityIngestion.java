package dev.cohesion.metrics.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.metrics.domain.ActivityRules;
import dev.cohesion.metrics.domain.Participation;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Counts a batch of activities with set-based statements: one lookup of the members concerned (kept for the whole
 * batch, which runs in one transaction), one multi-row
 * insert that skips idempotency keys seen before, then one update of the members touched and one upsert of the
 * weekly sums per member and per network. Participation is brought forward in O(1) per member
 * ({@link Participation}). Runs inside the consumer's transaction.
 */
@ApplicationScoped
public class ActivityIngestion {

    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() { };
    private static final Map<String, Map<String, Double>> PARSED_WEIGHTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A member and their network's rules, as a batch needs them. */
    public record MemberFacts(UUID id, UUID networkId, String status, double participation, Instant participationAt,
                              Instant firstActivityAt, Instant lastActivityAt, Map<String, Double> weights, double halfLifeDays,
                              ActivityRules.FoldLine fold) {
        ActivityRules.Member rule() {
            return new ActivityRules.Member(status, networkId);
        }
    }

    /** An activity checked against the rules, with its member as the check found them (null when unknown). */
    public record Checked(ActivityRecorded activity, ActivityRules.Decision decision, MemberFacts member) {
    }

    /**
     * Holds the fold lines of these networks until the transaction ends ({@link ActivityRetention} draws them under
     * the exclusive lock): a batch that read a line before it moved cannot write a row behind the new one.
     */
    public Uni<Void> holdFoldLines(Set<UUID> networkIds) {
        return networkIds.isEmpty() ? Uni.createFrom().voidItem() : Sql.column("select count(*) from (select pg_advisory_xact_lock_shared("
                + ActivityRetention.NETWORK_LOCK + ") from network n where n.id in (:ids)) held", Long.class,
                "ids", new ArrayList<>(networkIds)).replaceWithVoid();
    }

    /** Judges each activity against the rules; {@code reportedAt} gives, per activity, when it was reported. */
    public Uni<List<Checked>> check(List<ActivityRecorded> activities, List<Instant> reportedAt) {
        Set<UUID> ids = activities.stream().map(ActivityRecorded::memberId).collect(Collectors.toSet());
        return facts(ids).map(members -> {
            List<Checked> checked = new java.util.ArrayList<>(activities.size());
            for (int i = 0; i < activities.size(); i++) {
                ActivityRecorded a = activities.get(i);
                MemberFacts m = members.get(a.memberId());
                checked.add(new Checked(a, ActivityRules.check(a.networkId(), a.type(), a.weight(), a.occurredAt(), reportedAt.get(i),
                        m == null ? null : m.rule(), m == null ? null : m.fold(), m == null ? Map.of() : m.weights()), m));
            }
            return checked;
        });
    }

    /** Records the accepted activities; returns the ones that were new (not seen before by their idempotency key). */
    public Uni<List<ActivityRecorded>> record(List<Checked> accepted, Instant receivedAt) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        ArrayNode rows = EventJson.MAPPER.createArrayNode();
        Map<String, Checked> byKey = new LinkedHashMap<>();
        for (Checked c : accepted) {
            ActivityRecorded a = c.activity();
            String key = a.networkId() + "/" + a.idempotencyKey();
            if (byKey.putIfAbsent(key, c) != null) {
                continue;
            }
            rows.addObject().put("network_id", a.networkId().toString()).put("idempotency_key", a.idempotencyKey())
                    .put("member_id", a.memberId().toString()).put("type", a.type()).put("occurred_at", a.occurredAt().toString())
                    .put("weight", c.decision().weight()).put("source", a.source()).put("suspended", c.decision().suspended());
        }
        return Sql.rows("""
                insert into activity (network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended, received_at)
                select x.network_id, x.idempotency_key, x.member_id, x.type, x.occurred_at, x.weight, x.source, x.suspended, :received
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(network_id uuid, idempotency_key text,
                    member_id uuid, type text, occurred_at timestamptz, weight double precision, source text, suspended boolean)
                on conflict do nothing
                returning cast(network_id as text), idempotency_key""", "received", receivedAt, "rows", rows.toString())
                .chain(inserted -> {
                    List<Checked> fresh = inserted.stream().map(r -> byKey.get(r[0] + "/" + r[1])).toList();
                    return fresh.isEmpty() ? Uni.createFrom().item(List.<ActivityRecorded>of())
                            : count(fresh).replaceWith(fresh.stream().map(Checked::activity).toList());
                });
    }

    /** Brings the touched members' participation forward and adds the weekly sums. */
    private Uni<Void> count(List<Checked> fresh) {
        Map<UUID, List<Checked>> byMember = fresh.stream().collect(Collectors.groupingBy(c -> c.activity().memberId()));
        ArrayNode memberRows = EventJson.MAPPER.createArrayNode();
        Map<String, double[]> memberWeeks = new HashMap<>();
        Map<String, double[]> networkWeeks = new HashMap<>();
        byMember.forEach((id, list) -> {
            MemberFacts m = list.get(0).member();
            Instant batchRef = list.stream().map(c -> c.activity().occurredAt()).max(Instant::compareTo).orElseThrow();
            Instant first = list.stream().map(c -> c.activity().occurredAt()).min(Instant::compareTo).orElseThrow();
            double batchSum = 0;
            for (Checked c : list) {
                batchSum += c.decision().weight()
                        * Participation.decay(Duration.between(c.activity().occurredAt(), batchRef), m.halfLifeDays());
                String week = EngagementInputs.week(c.activity().occurredAt()).toString();
                add(memberWeeks, id + "|" + week + "|" + m.networkId(), c.decision().weight());
                add(networkWeeks, m.networkId() + "|" + week, c.decision().weight());
            }
            Participation.State p = Participation.add(m.participation(), m.participationAt(), batchSum, batchRef, m.halfLifeDays());
            memberRows.addObject().put("id", id.toString()).put("p", p.value()).put("ref", p.reference().toString())
                    .put("first", min(m.firstActivityAt(), first).toString())
                    .put("last", max(m.lastActivityAt(), batchRef).toString()).put("n", list.size());
        });
        return Sql.update("""
                        update member m set participation = x.p, participation_at = x.ref, first_activity_at = x.first,
                            last_activity_at = x.last, activity_count = m.activity_count + x.n
                        from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                            as x(id uuid, p double precision, ref timestamptz, first timestamptz, last timestamptz, n integer)
                        where m.id = x.id""", "rows", memberRows.toString())
                .chain(() -> Sql.update("""
                        insert into member_week (member_id, week, network_id, weight, activities)
                        select x.member_id, x.week, x.network_id, x.weight, x.activities
                        from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                            as x(member_id uuid, week date, network_id uuid, weight double precision, activities integer)
                        on conflict (member_id, week) do update set weight = member_week.weight + excluded.weight,
                            activities = member_week.activities + excluded.activities""",
                        "rows", weeks(memberWeeks, "member_id", "week", "network_id")))
                .chain(() -> Sql.update("""
                        insert into network_week (network_id, week, weight, activities)
                        select x.network_id, x.week, x.weight, x.activities
                        from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                            as x(network_id uuid, week date, weight double precision, activities integer)
                        on conflict (network_id, week) do update set weight = network_week.weight + excluded.weight,
                            activities = network_week.activities + excluded.activities""",
                        "rows", weeks(networkWeeks, "network_id", "week")))
                .replaceWithVoid();
    }

    private Uni<Map<UUID, MemberFacts>> facts(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("""
                select cast(m.id as text), cast(m.network_id as text), m.status, m.participation, m.participation_at,
                       m.first_activity_at, m.last_activity_at, n.weights, n.half_life_days, n.folded_before, n.folded_at
                from member m join network n on n.id = m.network_id where m.id in (:ids)""", "ids", new ArrayList<>(ids))
                .map(rows -> {
                    Map<UUID, MemberFacts> map = new HashMap<>();
                    for (Object[] r : rows) {
                        map.put(UUID.fromString((String) r[0]), new MemberFacts(UUID.fromString((String) r[0]),
                                UUID.fromString((String) r[1]), (String) r[2], ((Number) r[3]).doubleValue(), EngagementInputs.instant(r[4]),
                                EngagementInputs.instant(r[5]), EngagementInputs.instant(r[6]), weights((String) r[7]), ((Number) r[8]).doubleValue(),
                                r[9] == null ? null : new ActivityRules.FoldLine(EngagementInputs.instant(r[9]), EngagementInputs.instant(r[10]))));
                    }
                    return map;
                });
    }

    /** A network's weights, parsed once per distinct JSON (every member row of a batch carries its network's). */
    static Map<String, Double> weights(String json) {
        if (PARSED_WEIGHTS.size() > 10_000) {
            PARSED_WEIGHTS.clear();
        }
        return PARSED_WEIGHTS.computeIfAbsent(json, j -> {
            try {
                return Map.copyOf(EventJson.MAPPER.readValue(j, WEIGHTS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void add(Map<String, double[]> sums, String key, double weight) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += weight;
        s[1] += 1;
    }

    private static String weeks(Map<String, double[]> sums, String... keys) {
        ArrayNode rows = EventJson.MAPPER.createArrayNode();
        sums.forEach((key, s) -> {
            String[] parts = key.split("\\|");
            var row = rows.addObject();
            for (int i = 0; i < keys.length; i++) {
                row.put(keys[i], parts[i]);
            }
            row.put("weight", s[0]).put("activities", (int) s[1]);
        });
        return rows.toString();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
