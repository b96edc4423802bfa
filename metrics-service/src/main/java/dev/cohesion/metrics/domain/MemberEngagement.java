package dev.cohesion.metrics.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's engagement computed from what metrics-service keeps about them, the same way for one member's read
 * and for the whole network's health: participation brought forward, regularity, commitment, trust, segment.
 */
public final class MemberEngagement {

    private MemberEngagement() {
    }

    /**
     * What is known about one member. Null booleans mean the network has no purpose (or no norm book) yet. A member's
     * tenure starts when they joined, or at their first recorded activity if that is earlier (a network that brings
     * its history).
     */
    public record Inputs(UUID memberId, String status, Instant joinedAt, Instant firstActivityAt, double participation,
                         Instant participationAt,
                         Instant lastActivityAt, int activeWeeksOfLast12, int activeWeeksOf12Before28Days,
                         double recentWeight, double previousWeight, Boolean endorsesPurpose, Instant endorsedAt,
                         Boolean acknowledgedNormBook, Instant acknowledgedAt, List<Trust.Sanction> sanctions) {
    }

    /** A network's rules as engagement needs them. */
    public record Rules(double halfLifeDays, Segments.Thresholds thresholds) {
    }

    public record Result(double participation, double regularity, Commitment.Result commitment, Trust.Result trust,
                         Segment segment, boolean active) {
    }

    /** When the member's tenure started. */
    public static Instant since(Inputs in) {
        return in.firstActivityAt() != null && in.firstActivityAt().isBefore(in.joinedAt()) ? in.firstActivityAt() : in.joinedAt();
    }

    public static Result of(Inputs in, Rules rules, Instant now) {
        double p = Participation.at(in.participation(), in.participationAt(), now, rules.halfLifeDays());
        double r = Commitment.regularity(in.activeWeeksOfLast12());
        Commitment.Result c = Commitment.of(in.endorsesPurpose(), in.acknowledgedNormBook(), r);
        Trust.Result t = Trust.of(since(in), in.sanctions(), now);
        Instant lastSanction = in.sanctions().stream().filter(s -> !s.expunged()).map(Trust.Sanction::appliedAt)
                .max(Instant::compareTo).orElse(null);
        Segment segment = Segments.of(new Segments.Facts(since(in), in.lastActivityAt(), lastSanction, in.recentWeight(),
                in.previousWeight(), in.endorsesPurpose(), in.acknowledgedNormBook(), r, p), rules.thresholds(), now);
        return new Result(p, r, c, t, segment, Segments.active(in.lastActivityAt(), now, rules.thresholds().activeWithinDays()));
    }

    /**
     * Commitment as it stood at an earlier time (28 days ago for the circle's trend): regularity over the 12 weeks
     * before then, and only the stances and acknowledgements made by then.
     */
    public static double commitmentAsOf(Inputs in, Instant then) {
        Boolean endorsed = in.endorsesPurpose() == null ? null
                : Boolean.TRUE.equals(in.endorsesPurpose()) && in.endorsedAt() != null && !in.endorsedAt().isAfter(then);
        Boolean acknowledged = in.acknowledgedNormBook() == null ? null
                : Boolean.TRUE.equals(in.acknowledgedNormBook()) && in.acknowledgedAt() != null && !in.acknowledgedAt().isAfter(then);
        return Commitment.of(endorsed, acknowledged, Commitment.regularity(in.activeWeeksOf12Before28Days())).value();
    }
}
