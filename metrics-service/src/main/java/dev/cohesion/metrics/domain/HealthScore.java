package dev.cohesion.metrics.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 0–100 health score: a weighted sum of parts, each between 0 and 1. A part that does not apply yet (no
 * purpose, no norm book, nobody a member 90 days ago) is left out and the other weights renormalised.
 * <pre>
 * activity       25  share of active members that had an activity within the active window
 * alignment      20  share of active members endorsing the current purpose
 * acknowledgement 15 share of active members who acknowledged the current norm book
 * retention      15  share of the members of 90 days ago still members
 * spread         10  1 − (top-10% share − 0.1) / 0.9: participation not concentrated in a few
 * conduct        15  1 − min(1, breaches per 100 active members per 30 days / 10)
 * </pre>
 */
public final class HealthScore {

    public static final Map<String, Double> WEIGHTS = Map.of("activity", 25.0, "alignment", 20.0, "acknowledgement", 15.0,
            "retention", 15.0, "spread", 10.0, "conduct", 15.0);

    private HealthScore() {
    }

    /** The score and the parts it was made of (null parts did not apply). */
    public record Result(int score, Map<String, Double> parts, Map<String, Double> weights) {
    }

    public static Result of(Double activity, Double alignment, Double acknowledgement, Double retention,
                            Double top10Share, Double breachesPer100) {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("activity", activity);
        parts.put("alignment", alignment);
        parts.put("acknowledgement", acknowledgement);
        parts.put("retention", retention);
        parts.put("spread", top10Share == null ? null : clamp(1 - (top10Share - 0.1) / 0.9));
        parts.put("conduct", breachesPer100 == null ? null : clamp(1 - Math.min(1, breachesPer100 / 10)));
        double sum = 0;
        double weights = 0;
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> p : parts.entrySet()) {
            if (p.getValue() != null) {
                double w = WEIGHTS.get(p.getKey());
                sum += w * p.getValue();
                weights += w;
                used.put(p.getKey(), w);
            }
        }
        int score = weights == 0 ? 0 : (int) Math.round(100 * sum / weights);
        return new Result(score, parts, used);
    }

    private static double clamp(double d) {
        return Math.max(0, Math.min(1, d));
    }
}
