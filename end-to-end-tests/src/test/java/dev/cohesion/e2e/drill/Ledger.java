package dev.cohesion.e2e.drill;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the drill's clients were told: every write that was acknowledged, and the few whose answer never came.
 * Afterwards every service's data must say exactly this.
 */
final class Ledger {

    /** A member who joined (applied and was approved), and when the approval was acknowledged. */
    record Joined(UUID network, UUID member, String subject, Instant at) {
    }

    /** An activity counted by either door. */
    record Activity(UUID network, UUID member) {
    }

    final Map<UUID, Joined> joins = new ConcurrentHashMap<>();
    /** member → stance on their network's purpose */
    final Map<UUID, String> stances = new ConcurrentHashMap<>();
    /** case ids of breach reports answered 201 */
    final Set<UUID> reports = ConcurrentHashMap.newKeySet();
    /** descriptions of breach reports whose answer was lost or a 5xx: present at most once */
    final Set<String> uncertainReports = ConcurrentHashMap.newKeySet();
    /** descriptions of breach reports refused with a 4xx: absent */
    final Set<String> refusedReports = ConcurrentHashMap.newKeySet();
    /** idempotency key → activity, for the activities acknowledged as ACCEPTED or DUPLICATE, or by Kafka */
    final Map<String, Activity> activities = new ConcurrentHashMap<>();
    /** idempotency keys the REST door answered REJECTED: absent */
    final Set<String> rejectedActivities = ConcurrentHashMap.newKeySet();
    final AtomicLong acknowledged = new AtomicLong();

    Set<UUID> members(UUID network) {
        return joins.values().stream().filter(j -> j.network().equals(network)).map(Joined::member).collect(Collectors.toSet());
    }

    Set<String> activityKeys(UUID network) {
        return activities.entrySet().stream().filter(e -> e.getValue().network().equals(network)).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Map<UUID, Long> activitiesPerMember(UUID network) {
        return activities.values().stream().filter(a -> a.network().equals(network))
                .collect(Collectors.groupingBy(Activity::member, Collectors.counting()));
    }
}
