package dev.cohesion.metrics.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Participation P = Σ wᵢ · 2^(−ageᵢ / H), kept incrementally: the stored value is P at a reference time; bringing
 * it forward multiplies by 2^(−Δt / H), and a batch of activities adds its own sum taken at its latest activity.
 * One event costs O(1); activities older than the reference time are added decayed to it.
 */
public final class Participation {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private Participation() {
    }

    /** The decay factor over a duration for a half-life in days. */
    public static double decay(Duration elapsed, double halfLifeDays) {
        return Math.pow(2, -(elapsed.toMillis() / 1000.0) / (halfLifeDays * SECONDS_PER_DAY));
    }

    /** P brought forward from its reference time to {@code now} (never backwards: a future reference stays). */
    public static double at(double value, Instant reference, Instant now, double halfLifeDays) {
        if (reference == null || value == 0) {
            return 0;
        }
        return now.isAfter(reference) ? value * decay(Duration.between(reference, now), halfLifeDays) : value;
    }

    /**
     * Adds a batch's contribution, given as its sum taken at the batch's latest activity: the result is referenced
     * at the later of the two reference times.
     */
    public static State add(double value, Instant reference, double batchSum, Instant batchReference, double halfLifeDays) {
        if (reference == null || batchReference.isAfter(reference)) {
            return new State(at(value, reference, batchReference, halfLifeDays) + batchSum, batchReference);
        }
        return new State(value + batchSum * decay(Duration.between(batchReference, reference), halfLifeDays), reference);
    }

    /** P and the time it is referenced at. */
    public record State(double value, Instant reference) {
    }
}
