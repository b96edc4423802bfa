package dev.cohesion.metrics.domain;

import dev.cohesion.events.metrics.Circle;

/**
 * The circle's direction over the last 4 weeks against the 4 weeks before: participation (relative change beyond
 * ±5%), average commitment and average trust (absolute change beyond ±0.01) all rising is VIRTUOUS, all falling
 * VICIOUS, anything else MIXED.
 */
public final class CircleDirection {

    public static final double PARTICIPATION_TOLERANCE = 0.05;
    public static final double SCORE_TOLERANCE = 0.01;

    private CircleDirection() {
    }

    public enum Trend { RISING, STEADY, FALLING }

    public static Trend participation(double recent, double previous) {
        if (previous == 0) {
            return recent > 0 ? Trend.RISING : Trend.STEADY;
        }
        double change = (recent - previous) / previous;
        return change > PARTICIPATION_TOLERANCE ? Trend.RISING : change < -PARTICIPATION_TOLERANCE ? Trend.FALLING : Trend.STEADY;
    }

    public static Trend score(double now, double before) {
        double change = now - before;
        return change > SCORE_TOLERANCE ? Trend.RISING : change < -SCORE_TOLERANCE ? Trend.FALLING : Trend.STEADY;
    }

    public static Circle of(Trend participation, Trend commitment, Trend trust) {
        if (participation == Trend.RISING && commitment == Trend.RISING && trust == Trend.RISING) {
            return Circle.VIRTUOUS;
        }
        if (participation == Trend.FALLING && commitment == Trend.FALLING && trust == Trend.FALLING) {
            return Circle.VICIOUS;
        }
        return Circle.MIXED;
    }
}
