package dev.cohesion.metrics.domain;

import java.util.Map;

/**
 * Whether an activity counts: it must not have happened after it was reported (beyond a few minutes of clock
 * skew) nor before {@link #EARLIEST}, its member must belong to the network and not have left or been removed (a suspended member's activity is
 * kept, flagged), and its type must be one of the network's. Judged against the time of reporting, not of reading,
 * so that a rebuild reaches the same decisions. An activity that occurred before its network's fold line (raw
 * activity retention, docs/engagement-model.md#retention) is not counted: refused when it was reported after the
 * line was drawn, and passed over when it was reported before, since it was then either counted (and is in the
 * folded sums) or refused.
 */
public final class ActivityRules {

    /** How far a sender's clock may run ahead of ours. */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    /** No activity before this counts: older dates are typing errors, not history (docs/engagement-model.md). */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("2000-01-01T00:00:00Z");

    private ActivityRules() {
    }

    /** The member as the rule sees it; null when unknown. */
    public record Member(String status, java.util.UUID networkId) {
    }

    /** The network's fold line: activities that occurred before {@code before} have no rows since {@code drawnAt}. */
    public record FoldLine(java.time.Instant before, java.time.Instant drawnAt) {
    }

    /**
     * Accepted with its weight (and a flag), or rejected with a reason; {@code folded}: not counted because it is
     * older than the fold line and was reported before the line was drawn (no refusal to report).
     */
    public record Decision(boolean accepted, double weight, boolean suspended, String reason, boolean folded) {
        static Decision reject(String reason) {
            return new Decision(false, 0, false, reason, false);
        }
    }

    public static Decision check(java.util.UUID networkId, String type, Double weight, java.time.Instant occurredAt,
                                 java.time.Instant reportedAt, Member member, FoldLine fold, Map<String, Double> weights) {
        if (occurredAt.isAfter(reportedAt.plus(CLOCK_SKEW))) {
            return Decision.reject("occurredAt " + occurredAt + " is after the activity was reported (" + reportedAt + ")");
        }
        if (occurredAt.isBefore(EARLIEST)) {
            return Decision.reject("occurredAt " + occurredAt + " is before " + EARLIEST + ", the earliest activity Cohesion counts");
        }
        if (member == null || !member.networkId().equals(networkId)) {
            return Decision.reject("not a member of this network");
        }
        if (fold != null && occurredAt.isBefore(fold.before())) {
            return reportedAt.isBefore(fold.drawnAt())
                    ? new Decision(false, 0, false, "occurred before the network's fold line, reported before it was drawn", true)
                    : Decision.reject("occurredAt " + occurredAt + " is before " + fold.before()
                    + ": this network keeps no activity that old (rawActivityMonths)");
        }
        if (!member.status().equals("ACTIVE") && !member.status().equals("SUSPENDED")) {
            return Decision.reject("the member is " + member.status() + " and no longer takes part");
        }
        Double typeWeight = weights.get(type);
        if (typeWeight == null) {
            return Decision.reject("unknown activity type " + type + "; this network counts " + String.join(", ",
                    new java.util.TreeSet<>(weights.keySet())));
        }
        return new Decision(true, weight != null ? weight : typeWeight, member.status().equals("SUSPENDED"), null, false);
    }
}
