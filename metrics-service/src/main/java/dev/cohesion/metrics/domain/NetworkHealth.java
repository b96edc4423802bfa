package dev.cohesion.metrics.domain;

import dev.cohesion.events.metrics.Circle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A network's health as computed (docs/engagement-model.md explains every figure): stored as it is here, served
 * through the API's own form (rest/HealthDtos), compared by score and circle for the health-changed event.
 */
public record NetworkHealth(UUID networkId, Instant computedAt, int score, Map<String, Double> scoreParts,
                            Map<String, Double> scoreWeights, Circle circle, Trends trends, Size size, Double activeRatio,
                            Double purposeAlignment, Reconsideration.Outcome reconsideration, Double normBookAcknowledgement,
                            Conduct conduct, Spread concentration, Double retention90Days, List<Recommendation> recommendations) {

    /** Last 4 weeks against the 4 weeks before; the directions are {@link CircleDirection.Trend} names. */
    public record Trends(String participation, String commitment, String trust, double participationRecent4Weeks,
                         double participationPrevious4Weeks, double averageCommitment, double averageCommitment28DaysAgo,
                         double averageTrust, double averageTrust28DaysAgo) {
    }

    /** Members by status, and the current ones (ACTIVE or SUSPENDED) by segment. */
    public record Size(int members, Map<String, Integer> byStatus, Map<String, Integer> bySegment) {
    }

    public record Conduct(double breachesPer100ActiveMembersPer30Days, Double upheldShare, Double medianDaysToResolve,
                          Map<String, Integer> sanctionsByRung, int casesOpenOver14Days) {
    }

    /** How participation spreads over members and organisations ({@link Concentration}). */
    public record Spread(Double top10Share, int organisationsForHalf) {
    }

    /** What to do next; {@code membersPath} is where the members it concerns are listed (null when it lists none). */
    public record Recommendation(String kind, String title, String detail, Map<String, Object> figures, String membersPath) {
    }

    /** The figures kept for each ISO week of the series. */
    public record Headline(Double activeRatio, Double purposeAlignment, Double normBookAcknowledgement, Double retention90Days,
                           Double breachesPer100ActiveMembersPer30Days, Double upheldShare, Double medianDaysToResolve,
                           Double top10Share, Map<String, Integer> segments, Double averageCommitment, Double averageTrust) {
    }

    public Headline headline() {
        return new Headline(activeRatio, purposeAlignment, normBookAcknowledgement, retention90Days,
                conduct.breachesPer100ActiveMembersPer30Days(), conduct.upheldShare(), conduct.medianDaysToResolve(),
                concentration.top10Share(), size.bySegment(), trends.averageCommitment(), trends.averageTrust());
    }

    /** One ISO week of the series: the last computation in it (null before the service computed any) and participation. */
    public record Week(LocalDate week, Integer score, Circle circle, double participation, int activities, Headline figures) {
    }
}
