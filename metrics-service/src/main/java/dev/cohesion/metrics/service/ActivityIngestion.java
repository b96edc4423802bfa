package dev.cohesion.metrics.service;

import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.metrics.domain.ActivityRules;
import dev.cohesion.metrics.domain.Participation;
import dev.cohesion.metrics.repository.ActivityStore;
import dev.cohesion.metrics.repository.ActivityStore.ActivityKey;
import dev.cohesion.metrics.repository.ActivityStore.MemberCount;
import dev.cohesion.metrics.repository.ActivityStore.MemberFacts;
import dev.cohesion.metrics.repository.ActivityStore.NewActivity;
import dev.cohesion.metrics.repository.ActivityStore.WeekSum;
import dev.cohesion.metrics.repository.EngagementInputs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Counts a batch of activities with set-based statements ({@link ActivityStore}): one lookup of the members
 * concerned (kept for the whole batch, which runs in one transaction), one multi-row insert that skips idempotency
 * keys seen before, then one update of the members touched and one upsert of the weekly sums per member and per
 * network. Participation is brought forward in O(1) per member ({@link Participation}). Runs inside the consumer's
 * transaction.
 */
@ApplicationScoped
public class ActivityIngestion {

    private final ActivityStore store;

    ActivityIngestion(ActivityStore store) {
        this.store = store;
    }

    /** An activity checked against the rules, with its member as the check found them (null when unknown). */
    public record Checked(ActivityRecorded activity, ActivityRules.Decision decision, MemberFacts member) {
    }

    /** See {@link ActivityStore#holdFoldLines}. */
    public Uni<Void> holdFoldLines(Set<UUID> networkIds) {
        return store.holdFoldLines(networkIds);
    }

    /** Judges each activity against the rules; {@code reportedAt} gives, per activity, when it was reported. */
    public Uni<List<Checked>> check(List<ActivityRecorded> activities, List<Instant> reportedAt) {
        Set<UUID> ids = activities.stream().map(ActivityRecorded::memberId).collect(Collectors.toSet());
        return store.members(ids).map(members -> {
            List<Checked> checked = new ArrayList<>(activities.size());
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
        Map<ActivityKey, Checked> byKey = new LinkedHashMap<>();
        Map<ActivityKey, NewActivity> rows = new LinkedHashMap<>();
        for (Checked c : accepted) {
            ActivityRecorded a = c.activity();
            ActivityKey key = new ActivityKey(a.networkId(), a.idempotencyKey());
            if (byKey.putIfAbsent(key, c) == null) {
                rows.put(key, new NewActivity(a.networkId(), a.idempotencyKey(), a.memberId(), a.type(), a.occurredAt(),
                        c.decision().weight(), a.source(), c.decision().suspended()));
            }
        }
        return store.insertNew(rows.values(), receivedAt).chain(inserted -> {
            List<Checked> fresh = inserted.stream().map(byKey::get).toList();
            return fresh.isEmpty() ? Uni.createFrom().item(List.<ActivityRecorded>of())
                    : count(fresh).replaceWith(fresh.stream().map(Checked::activity).toList());
        });
    }

    /** Brings the touched members' participation forward and adds the weekly sums. */
    private Uni<Void> count(List<Checked> fresh) {
        Map<UUID, List<Checked>> byMember = fresh.stream().collect(Collectors.groupingBy(c -> c.activity().memberId()));
        List<MemberCount> members = new ArrayList<>(byMember.size());
        Map<Week, double[]> memberWeeks = new TreeMap<>();
        Map<Week, double[]> networkWeeks = new TreeMap<>();
        byMember.forEach((id, list) -> {
            MemberFacts m = list.get(0).member();
            Instant batchRef = list.stream().map(c -> c.activity().occurredAt()).max(Instant::compareTo).orElseThrow();
            Instant first = list.stream().map(c -> c.activity().occurredAt()).min(Instant::compareTo).orElseThrow();
            double batchSum = 0;
            for (Checked c : list) {
                batchSum += c.decision().weight()
                        * Participation.decay(Duration.between(c.activity().occurredAt(), batchRef), m.halfLifeDays());
                LocalDate week = EngagementInputs.week(c.activity().occurredAt());
                add(memberWeeks, new Week(id, week, m.networkId()), c.decision().weight());
                add(networkWeeks, new Week(m.networkId(), week, m.networkId()), c.decision().weight());
            }
            Participation.State p = Participation.add(m.participation(), m.participationAt(), batchSum, batchRef, m.halfLifeDays());
            members.add(new MemberCount(id, p.value(), p.reference(), min(m.firstActivityAt(), first), max(m.lastActivityAt(), batchRef),
                    list.size()));
        });
        return store.updateMembers(members).chain(() -> store.addWeeks(sums(memberWeeks), sums(networkWeeks)));
    }

    /** A week of a member (owner: the member) or of a network (owner: the network), ordered by owner and week. */
    private record Week(UUID owner, LocalDate week, UUID networkId) implements Comparable<Week> {
        @Override
        public int compareTo(Week o) {
            int c = owner.compareTo(o.owner);
            return c != 0 ? c : week.compareTo(o.week);
        }
    }

    private static void add(Map<Week, double[]> sums, Week week, double weight) {
        double[] s = sums.computeIfAbsent(week, k -> new double[2]);
        s[0] += weight;
        s[1] += 1;
    }

    /** The sums, in key order (see {@link ActivityStore#addWeeks}). */
    private static List<WeekSum> sums(Map<Week, double[]> sums) {
        return sums.entrySet().stream().map(e -> new WeekSum(e.getKey().owner(), e.getKey().week(), e.getKey().networkId(),
                e.getValue()[0], (int) e.getValue()[1])).toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
