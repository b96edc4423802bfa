package dev.cohesion.metrics.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cohesion.events.EventJson;
import dev.cohesion.metrics.domain.ActivityRules;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingestion's statements, each taking a whole batch as typed arrays, one per column ({@code unnest}, {@code =
 * any}): one parameter per column whatever the batch's size, so PostgreSQL neither parses JSON text row by row nor
 * plans a statement of thousands of placeholders per batch. Timestamps and dates travel as ISO-8601 text arrays
 * cast in SQL: Hibernate Reactive binds {@code Instant[]} in a form the PostgreSQL client cannot encode.
 */
@ApplicationScoped
public class ActivityStore {

    /**
     * The advisory lock key of network {@code n.id} (a SQL expression): its fold line is drawn under it (exclusive,
     * the retention) and its activities are written under it (shared).
     */
    public static final String NETWORK_LOCK = "hashtextextended('fold:' || cast(n.id as text), 0)";

    private static final Columns MEMBER = Columns.of("m.id", "m.network_id", "m.status", "m.participation", "m.participation_at",
            "m.first_activity_at", "m.last_activity_at", "n.weights", "n.half_life_days", "n.folded_before", "n.folded_at");
    private static final Columns KEY = Columns.of("network_id", "idempotency_key");
    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() { };
    private static final Map<String, Map<String, Double>> PARSED_WEIGHTS = new ConcurrentHashMap<>();

    /** A member and their network's rules, as a batch needs them. */
    public record MemberFacts(UUID id, UUID networkId, String status, double participation, Instant participationAt,
                              Instant firstActivityAt, Instant lastActivityAt, Map<String, Double> weights, double halfLifeDays,
                              ActivityRules.FoldLine fold) {
        public ActivityRules.Member rule() {
            return new ActivityRules.Member(status, networkId);
        }
    }

    /** An accepted activity as it is stored. */
    public record NewActivity(UUID networkId, String idempotencyKey, UUID memberId, String type, Instant occurredAt, double weight,
                              String source, boolean suspended) {
    }

    /** A stored activity's key. */
    public record ActivityKey(UUID networkId, String idempotencyKey) {
    }

    /** A member's counters after a batch: participation brought forward, first and last activity, activities added. */
    public record MemberCount(UUID id, double participation, Instant participationAt, Instant firstActivityAt, Instant lastActivityAt,
                              int added) {
    }

    /** The weight and number of activities a batch adds to a week of a member (owner: the member) or of a network. */
    public record WeekSum(UUID owner, LocalDate week, UUID networkId, double weight, int activities) {
    }

    /**
     * Holds the fold lines of these networks until the transaction ends (the retention draws them under the
     * exclusive lock): a batch that read a line before it moved cannot write a row behind the new one.
     */
    public Uni<Void> holdFoldLines(Set<UUID> networkIds) {
        return networkIds.isEmpty() ? Uni.createFrom().voidItem() : Sql.column("select count(*) from (select pg_advisory_xact_lock_shared("
                + NETWORK_LOCK + ") from network n where n.id = any(cast(:ids as uuid[]))) held", Long.class,
                "ids", networkIds.toArray(UUID[]::new)).replaceWithVoid();
    }

    /** These members (those known), with their network's rules. */
    public Uni<Map<UUID, MemberFacts>> members(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("select " + MEMBER + " from member m join network n on n.id = m.network_id where m.id = any(cast(:ids as uuid[]))",
                "ids", ids.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, MemberFacts> members = new HashMap<>();
                    Map<UUID, Map<String, Double>> weightsByNetwork = new HashMap<>();
                    for (Object[] values : rows) {
                        Columns.Row r = MEMBER.row(values);
                        UUID id = r.uuid("id");
                        UUID network = r.uuid("network_id");
                        Instant foldedBefore = r.instant("folded_before");
                        members.put(id, new MemberFacts(id, network, r.string("status"), r.number("participation"),
                                r.instant("participation_at"), r.instant("first_activity_at"), r.instant("last_activity_at"),
                                weightsByNetwork.computeIfAbsent(network, k -> weights(r.string("weights"))), r.number("half_life_days"),
                                foldedBefore == null ? null : new ActivityRules.FoldLine(foldedBefore, r.instant("folded_at"))));
                    }
                    return members;
                });
    }

    /** Which of these idempotency keys the network's stored activities already have. */
    public Uni<Set<String>> storedKeys(UUID networkId, List<String> keys) {
        return Sql.column("select idempotency_key from activity where network_id = :n and idempotency_key in (:keys)", String.class,
                "n", networkId, "keys", keys).map(HashSet::new);
    }

    /** Inserts the activities whose key is new in their network; returns those keys. */
    public Uni<List<ActivityKey>> insertNew(Collection<NewActivity> activities, Instant receivedAt) {
        int n = activities.size();
        UUID[] networks = new UUID[n];
        String[] keys = new String[n];
        UUID[] members = new UUID[n];
        String[] types = new String[n];
        String[] occurred = new String[n];
        Double[] weights = new Double[n];
        String[] sources = new String[n];
        Boolean[] suspended = new Boolean[n];
        int i = 0;
        for (NewActivity a : activities) {
            networks[i] = a.networkId();
            keys[i] = a.idempotencyKey();
            members[i] = a.memberId();
            types[i] = a.type();
            occurred[i] = a.occurredAt().toString();
            weights[i] = a.weight();
            sources[i] = a.source();
            suspended[i] = a.suspended();
            i++;
        }
        return Sql.rows("""
                insert into activity (network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended, received_at)
                select x.network_id, x.idempotency_key, x.member_id, x.type, x.occurred_at, x.weight, x.source, x.suspended, :received
                from unnest(cast(:networks as uuid[]), cast(:keys as text[]), cast(:members as uuid[]), cast(:types as text[]),
                    cast(cast(:occurred as text[]) as timestamptz[]), cast(:weights as float8[]), cast(:sources as text[]), cast(:suspended as boolean[]))
                    as x(network_id, idempotency_key, member_id, type, occurred_at, weight, source, suspended)
                on conflict do nothing
                returning
                """ + KEY, "received", receivedAt, "networks", networks, "keys", keys,
                "members", members, "types", types, "occurred", occurred, "weights", weights, "sources", sources, "suspended", suspended)
                .map(rows -> KEY.map(rows, r -> new ActivityKey(r.uuid("network_id"), r.string("idempotency_key"))));
    }

    public Uni<Void> updateMembers(List<MemberCount> counts) {
        int n = counts.size();
        UUID[] ids = new UUID[n];
        Double[] participation = new Double[n];
        String[] reference = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        Integer[] added = new Integer[n];
        for (int i = 0; i < n; i++) {
            MemberCount c = counts.get(i);
            ids[i] = c.id();
            participation[i] = c.participation();
            reference[i] = c.participationAt().toString();
            firsts[i] = c.firstActivityAt().toString();
            lasts[i] = c.lastActivityAt().toString();
            added[i] = c.added();
        }
        return Sql.update("""
                update member m set participation = x.p, participation_at = x.ref, first_activity_at = x.first,
                    last_activity_at = x.last, activity_count = m.activity_count + x.n
                from unnest(cast(:ids as uuid[]), cast(:p as float8[]), cast(cast(:ref as text[]) as timestamptz[]),
                    cast(cast(:first as text[]) as timestamptz[]), cast(cast(:last as text[]) as timestamptz[]), cast(:n as int[]))
                    as x(id, p, ref, first, last, n)
                where m.id = x.id""", "ids", ids, "p", participation, "ref", reference, "first", firsts, "last", lasts, "n", added)
                .replaceWithVoid();
    }

    /**
     * Adds to the members' weeks and to their networks' weeks. Callers give the sums in key order (owner, week), so
     * that two batches touching the same network's weeks lock them in the same order and cannot deadlock.
     */
    public Uni<Void> addWeeks(List<WeekSum> memberWeeks, List<WeekSum> networkWeeks) {
        return Sql.update("""
                        insert into member_week (member_id, week, network_id, weight, activities)
                        select x.member_id, x.week, x.network_id, x.weight, x.activities
                        from unnest(cast(:owners as uuid[]), cast(cast(:weeks as text[]) as date[]), cast(:networks as uuid[]),
                            cast(:weights as float8[]), cast(:activities as int[])) as x(member_id, week, network_id, weight, activities)
                        on conflict (member_id, week) do update set weight = member_week.weight + excluded.weight,
                            activities = member_week.activities + excluded.activities""", columns(memberWeeks, true))
                .chain(() -> Sql.update("""
                        insert into network_week (network_id, week, weight, activities)
                        select x.network_id, x.week, x.weight, x.activities
                        from unnest(cast(:owners as uuid[]), cast(cast(:weeks as text[]) as date[]), cast(:weights as float8[]),
                            cast(:activities as int[])) as x(network_id, week, weight, activities)
                        on conflict (network_id, week) do update set weight = network_week.weight + excluded.weight,
                            activities = network_week.activities + excluded.activities""", columns(networkWeeks, false)))
                .replaceWithVoid();
    }

    /** The weekly sums as named array parameters (with the members' networks, for theirs). */
    private static Object[] columns(List<WeekSum> sums, boolean withNetworks) {
        int n = sums.size();
        UUID[] owners = new UUID[n];
        String[] weeks = new String[n];
        UUID[] networks = new UUID[n];
        Double[] weights = new Double[n];
        Integer[] activities = new Integer[n];
        for (int i = 0; i < n; i++) {
            WeekSum w = sums.get(i);
            owners[i] = w.owner();
            weeks[i] = w.week().toString();
            networks[i] = w.networkId();
            weights[i] = w.weight();
            activities[i] = w.activities();
        }
        return withNetworks ? new Object[]{"owners", owners, "weeks", weeks, "networks", networks, "weights", weights, "activities", activities}
                : new Object[]{"owners", owners, "weeks", weeks, "weights", weights, "activities", activities};
    }

    /** A network's weights, parsed once per distinct JSON. */
    private static Map<String, Double> weights(String json) {
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
}
