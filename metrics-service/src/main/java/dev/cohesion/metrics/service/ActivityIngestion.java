package dev.cohesion.metrics.service;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        Map<String, Checked> byKey = new LinkedHashMap<>();
        for (Checked c : accepted) {
            byKey.putIfAbsent(c.activity().networkId() + "/" + c.activity().idempotencyKey(), c);
        }
        int n = byKey.size();
        UUID[] networks = new UUID[n];
        String[] keys = new String[n];
        UUID[] members = new UUID[n];
        String[] types = new String[n];
        String[] occurred = new String[n];
        Double[] weights = new Double[n];
        String[] sources = new String[n];
        Boolean[] suspended = new Boolean[n];
        int i = 0;
        for (Checked c : byKey.values()) {
            ActivityRecorded a = c.activity();
            networks[i] = a.networkId();
            keys[i] = a.idempotencyKey();
            members[i] = a.memberId();
            types[i] = a.type();
            occurred[i] = a.occurredAt().toString();
            weights[i] = c.decision().weight();
            sources[i] = a.source();
            suspended[i] = c.decision().suspended();
            i++;
        }
        return Sql.rows("""
                insert into activity (network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended, received_at)
                select x.network_id, x.idempotency_key, x.member_id, x.type, x.occurred_at, x.weight, x.source, x.suspended, :received
                from unnest(cast(:networks as uuid[]), cast(:keys as text[]), cast(:members as uuid[]), cast(:types as text[]),
                    cast(cast(:occurred as text[]) as timestamptz[]), cast(:weights as float8[]), cast(:sources as text[]), cast(:suspended as boolean[]))
                    as x(network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended)
                on conflict do nothing
                returning cast(network_id as text), idempotency_key""", "received", receivedAt, "networks", networks, "keys", keys,
                "members", members, "types", types, "occurred", occurred, "weights", weights, "sources", sources, "suspended", suspended)
                .chain(inserted -> {
                    List<Checked> fresh = inserted.stream().map(r -> byKey.get(r[0] + "/" + r[1])).toList();
                    return fresh.isEmpty() ? Uni.createFrom().item(List.<ActivityRecorded>of())
                            : count(fresh).replaceWith(fresh.stream().map(Checked::activity).toList());
                });
    }

    /**
     * Brings the touched members' participation forward and adds the weekly sums. The sums are written in key order,
     * so that two batches (two instances, or two partitions) touching the same network's weeks lock them in the
     * same order and cannot deadlock.
     */
    private Uni<Void> count(List<Checked> fresh) {
        Map<UUID, List<Checked>> byMember = fresh.stream().collect(Collectors.groupingBy(c -> c.activity().memberId()));
        int n = byMember.size();
        UUID[] ids = new UUID[n];
        Double[] participation = new Double[n];
        String[] reference = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        Integer[] counts = new Integer[n];
        Map<WeekOf, double[]> memberWeeks = new TreeMap<>();
        Map<WeekOf, double[]> networkWeeks = new TreeMap<>();
        int i = 0;
        for (Map.Entry<UUID, List<Checked>> e : byMember.entrySet()) {
            List<Checked> list = e.getValue();
            MemberFacts m = list.get(0).member();
            Instant batchRef = list.stream().map(c -> c.activity().occurredAt()).max(Instant::compareTo).orElseThrow();
            Instant first = list.stream().map(c -> c.activity().occurredAt()).min(Instant::compareTo).orElseThrow();
            double batchSum = 0;
            for (Checked c : list) {
                batchSum += c.decision().weight()
                        * Participation.decay(Duration.between(c.activity().occurredAt(), batchRef), m.halfLifeDays());
                LocalDate week = EngagementInputs.week(c.activity().occurredAt());
                add(memberWeeks, new WeekOf(e.getKey(), week, m.networkId()), c.decision().weight());
                add(networkWeeks, new WeekOf(m.networkId(), week, m.networkId()), c.decision().weight());
            }
            Participation.State p = Participation.add(m.participation(), m.participationAt(), batchSum, batchRef, m.halfLifeDays());
            ids[i] = e.getKey();
            participation[i] = p.value();
            reference[i] = p.reference().toString();
            firsts[i] = min(m.firstActivityAt(), first).toString();
            lasts[i] = max(m.lastActivityAt(), batchRef).toString();
            counts[i] = list.size();
            i++;
        }
        return Sql.update("""
                        update member m set participation = x.p, participation_at = x.ref, first_activity_at = x.first,
                            last_activity_at = x.last, activity_count = m.activity_count + x.n
                        from unnest(cast(:ids as uuid[]), cast(:p as float8[]), cast(cast(:ref as text[]) as timestamptz[]),
                            cast(cast(:first as text[]) as timestamptz[]), cast(cast(:last as text[]) as timestamptz[]), cast(:n as int[]))
                            as x(id, p, ref, first, last, n)
                        where m.id = x.id""", "ids", ids, "p", participation, "ref", reference, "first", firsts, "last", lasts, "n", counts)
                .chain(() -> Sql.update("""
                        insert into member_week (member_id, week, network_id, weight, activities)
                        select x.member_id, x.week, x.network_id, x.weight, x.activities
                        from unnest(cast(:owners as uuid[]), cast(cast(:weeks as text[]) as date[]), cast(:networks as uuid[]),
                            cast(:weights as float8[]), cast(:activities as int[])) as x(member_id, week, network_id, weight, activities)
                        on conflict (member_id, week) do update set weight = member_week.weight + excluded.weight,
                            activities = member_week.activities + excluded.activities""", weeks(memberWeeks, true)))
                .chain(() -> Sql.update("""
                        insert into network_week (network_id, week, weight, activities)
                        select x.network_id, x.week, x.weight, x.activities
                        from unnest(cast(:owners as uuid[]), cast(cast(:weeks as text[]) as date[]), cast(:weights as float8[]),
                            cast(:activities as int[])) as x(network_id, week, weight, activities)
                        on conflict (network_id, week) do update set weight = network_week.weight + excluded.weight,
                            activities = network_week.activities + excluded.activities""", weeks(networkWeeks, false)))
                .replaceWithVoid();
    }

    /** A week's sum of a member (owner: the member) or of a network (owner: the network), in key order. */
    private record WeekOf(UUID owner, LocalDate week, UUID network) implements Comparable<WeekOf> {
        @Override
        public int compareTo(WeekOf o) {
            int c = owner.compareTo(o.owner);
            return c != 0 ? c : week.compareTo(o.week);
        }
    }

    private Uni<Map<UUID, MemberFacts>> facts(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("""
                select cast(m.id as text), cast(m.network_id as text), m.status, m.participation, m.participation_at,
                       m.first_activity_at, m.last_activity_at, n.weights, n.half_life_days, n.folded_before, n.folded_at
                from member m join network n on n.id = m.network_id where m.id = any(cast(:ids as uuid[]))""", "ids", ids.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, MemberFacts> map = new HashMap<>();
                    Map<String, Map<String, Double>> weightsByNetwork = new HashMap<>();
                    for (Object[] r : rows) {
                        map.put(UUID.fromString((String) r[0]), new MemberFacts(UUID.fromString((String) r[0]),
                                UUID.fromString((String) r[1]), (String) r[2], ((Number) r[3]).doubleValue(), EngagementInputs.instant(r[4]),
                                EngagementInputs.instant(r[5]), EngagementInputs.instant(r[6]), weightsByNetwork.computeIfAbsent((String) r[1], network -> weights((String) r[7])), ((Number) r[8]).doubleValue(),
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

    private static void add(Map<WeekOf, double[]> sums, WeekOf key, double weight) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += weight;
        s[1] += 1;
    }

    /** The weekly sums as the named array parameters of the upserts (with the members' networks, for theirs). */
    private static Object[] weeks(Map<WeekOf, double[]> sums, boolean withNetworks) {
        int n = sums.size();
        UUID[] owners = new UUID[n];
        String[] weeks = new String[n];
        UUID[] networks = new UUID[n];
        Double[] weights = new Double[n];
        Integer[] activities = new Integer[n];
        int i = 0;
        for (Map.Entry<WeekOf, double[]> e : sums.entrySet()) {
            owners[i] = e.getKey().owner();
            weeks[i] = e.getKey().week().toString();
            networks[i] = e.getKey().network();
            weights[i] = e.getValue()[0];
            activities[i] = (int) e.getValue()[1];
            i++;
        }
        return withNetworks ? new Object[]{"owners", owners, "weeks", weeks, "networks", networks, "weights", weights, "activities", activities}
                : new Object[]{"owners", owners, "weeks", weeks, "weights", weights, "activities", activities};
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
