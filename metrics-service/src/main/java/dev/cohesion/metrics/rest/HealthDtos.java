package dev.cohesion.metrics.rest;

import dev.cohesion.events.metrics.Circle;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Network health as served, stored and streamed (docs/engagement-model.md explains every figure). */
public final class HealthDtos {

    private HealthDtos() {
    }

    @Schema(name = "NetworkHealth")
    public record Health(UUID networkId, Instant computedAt,
                         @Schema(example = "68") int score,
                         @Schema(description = "Each part between 0 and 1; null when it does not apply yet") Map<String, Double> scoreParts,
                         @Schema(description = "The weights of the parts that applied") Map<String, Double> scoreWeights,
                         Circle circle, Trends trends, Size size,
                         @Schema(description = "Share of members with status ACTIVE who had an activity within the active window", example = "0.64")
                         Double activeRatio,
                         @Schema(description = "Share of active members endorsing the current purpose; null without one", example = "0.78")
                         Double purposeAlignment,
                         @Schema(description = "How the members asked to reconsider the current purpose answered; absent when nobody "
                                 + "was asked about it")
                         Reconsideration reconsideration,
                         @Schema(description = "Share of active members who acknowledged the current norm book; null without one", example = "0.81")
                         Double normBookAcknowledgement,
                         Conduct conduct, Concentration concentration,
                         @Schema(description = "Share of the members of 90 days ago still members; null without such members", example = "0.93")
                         Double retention90Days,
                         List<Recommendation> recommendations) {
    }

    @Schema(name = "HealthTrends", description = "Last 4 weeks against the 4 weeks before.")
    public record Trends(String participation, String commitment, String trust, double participationRecent4Weeks,
                         double participationPrevious4Weeks, double averageCommitment, double averageCommitment28DaysAgo,
                         double averageTrust, double averageTrust28DaysAgo) {
    }

    @Schema(name = "HealthSize")
    public record Size(int members, Map<String, Integer> byStatus,
                       @Schema(description = "Segments of the members with status ACTIVE or SUSPENDED") Map<String, Integer> bySegment) {
    }

    @Schema(name = "HealthReconsideration", description = "The members the organisers asked to reconsider the current purpose "
            + "(endorse it, or leave with the reason DOES_NOT_SHARE_PURPOSE), by where they stand now. A member asked who is "
            + "suspended, was removed or left for another reason without endorsing is in none of endorsed, left and unanswered.")
    public record Reconsideration(@Schema(description = "Members asked", example = "12") int asked,
                                  @Schema(description = "Asked, and endorsing it now", example = "5") int endorsed,
                                  @Schema(description = "Asked, then left with the reason DOES_NOT_SHARE_PURPOSE", example = "3") int left,
                                  @Schema(description = "Asked, still ACTIVE and not endorsing it", example = "4") int unanswered,
                                  @Schema(description = "Unanswered, and asked more than 14 days ago", example = "2") int overdue) {

        public static Reconsideration of(dev.cohesion.metrics.domain.Reconsideration.Outcome o) {
            return o == null ? null : new Reconsideration(o.asked(), o.endorsed(), o.left(), o.unanswered(), o.overdue());
        }
    }

    @Schema(name = "HealthConduct")
    public record Conduct(@Schema(description = "Breach reports of the last 30 days per 100 active members", example = "2.5")
                          double breachesPer100ActiveMembersPer30Days,
                          @Schema(description = "Upheld share of the cases decided in the last 90 days") Double upheldShare,
                          @Schema(description = "Median days from report to decision, cases decided in the last 90 days") Double medianDaysToResolve,
                          @Schema(description = "Sanctions applied in the last 90 days (not expunged), by rung") Map<String, Integer> sanctionsByRung,
                          @Schema(description = "Cases still open after 14 days") int casesOpenOver14Days) {
    }

    @Schema(name = "HealthConcentration")
    public record Concentration(@Schema(description = "Share of participation held by the top 10% of members") Double top10Share,
                                @Schema(description = "Fewest member organisations producing half the participation") int organisationsForHalf) {
    }

    @Schema(name = "Recommendation")
    public record Recommendation(@Schema(example = "RE_ENGAGE_DORMANT") String kind, String title, String detail,
                                 @Schema(description = "The figures that triggered it") Map<String, Object> figures,
                                 @Schema(description = "Where the members concerned are listed, page by page") String membersPath) {
    }

    @Schema(name = "HealthWeek", description = "The network's headline figures in one ISO week.")
    public record Week(@Schema(example = "2026-11-23") String week,
                       @Schema(description = "Null for a week before the service computed anything") Integer score, Circle circle,
                       @Schema(description = "Participation weight of the activities that occurred that week") double participation,
                       int activities, Map<String, Object> figures) {
    }
}
