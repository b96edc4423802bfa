package dev.cohesion.metrics.domain;

import dev.cohesion.events.norms.SanctionRung;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trust T = clamp(0.7 + 0.3·min(1, tenure / 365 d) − Σ penaltyᵢ · 2^(−ageᵢ / 180 d), 0, 1), penalties CORRECTION
 * 0.05, WARNING 0.15, TEMPORARY_SUSPENSION 0.35; a PERMANENT_REMOVAL sets T to 0; an expunged sanction counts
 * nothing.
 */
public final class Trust {

    public static final double BASE = 0.7;
    public static final double TENURE_WEIGHT = 0.3;
    public static final double PENALTY_HALF_LIFE_DAYS = 180;

    private Trust() {
    }

    /** A sanction as trust sees it. */
    public record Sanction(SanctionRung rung, Instant appliedAt, boolean expunged) {
    }

    /** One penalty's weight now. */
    public record Penalty(SanctionRung rung, double weight, Instant appliedAt) {
    }

    public record Result(double value, double base, double tenureBonus, List<Penalty> penalties, boolean removed) {
    }

    public static Result of(Instant joinedAt, List<Sanction> sanctions, Instant now) {
        double tenureDays = Math.max(0, Duration.between(joinedAt, now).toHours() / 24.0);
        double tenure = TENURE_WEIGHT * Math.min(1, tenureDays / 365.0);
        List<Penalty> penalties = new ArrayList<>();
        boolean removed = false;
        double sum = 0;
        for (Sanction s : sanctions) {
            if (s.expunged() || s.appliedAt().isAfter(now)) {
                continue;
            }
            if (s.rung() == SanctionRung.PERMANENT_REMOVAL) {
                removed = true;
                continue;
            }
            double w = penalty(s.rung()) * Participation.decay(Duration.between(s.appliedAt(), now), PENALTY_HALF_LIFE_DAYS);
            penalties.add(new Penalty(s.rung(), w, s.appliedAt()));
            sum += w;
        }
        double value = removed ? 0 : Math.max(0, Math.min(1, BASE + tenure - sum));
        return new Result(value, BASE, tenure, penalties, removed);
    }

    public static double penalty(SanctionRung rung) {
        return switch (rung) {
            case CORRECTION -> 0.05;
            case WARNING -> 0.15;
            case TEMPORARY_SUSPENSION -> 0.35;
            case PERMANENT_REMOVAL -> 1;
        };
    }
}
