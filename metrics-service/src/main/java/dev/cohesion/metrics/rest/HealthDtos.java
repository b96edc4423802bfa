package dev.cohesion.metrics.rest;

import dev.cohesion.events.metrics.Circle;
import dev.cohesion.metrics.domain.NetworkHealth;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Network health as served and streamed (docs/engagement-model.md explains every figure), mapped from {@link NetworkHealth}. */
public final class HealthDtos {

    private HealthDtos() {
    }

    public static Health of(NetworkHealth h) {
        NetworkHealth.Trends t = h.trends();
        NetworkHealth.Conduct c = h.conduct();
        return new Health(h.networkId(), h.computedAt(), h.score(), h.scoreParts(), h.scoreWeights(), h.circle(),
                new Trends(t.participation(), t.commitment(), t.trust(), t.participationRecent4Weeks(), t.participationPrevious4Weeks(),
                        t.averageCommitment(), t.averageCommitment28DaysAgo(), t.averageTrust(), t.averageTrust28DaysAgo()),
                new Size(h.size().members(), h.size().byStatus(), h.size().bySegment()), h.activeRatio(), h.purposeAlignment(),
                Reconsideration.of(h.reconsideration()), h.normBookAcknowledgement(),
                new Conduct(c.breachesPer100ActiveMembersPer30Days(), c.upheldShare(), c.medianDaysToResolve(), c.sanctionsByRung(),
                        c.casesOpenOver14Days()),
                new Concentration(h.concentration().top10Share(), h.concentration().organisationsForHalf()), h.retention90Days(),
                recommendations(h));
    }

    public static List<Recommendation> recommendations(NetworkHealth h) {
        return h.recommendations().stream().map(r -> new Recommendation(r.kind(), r.title(), r.detail(), r.figures(), r.membersPath()))
                .toList();
    }

    public static Week of(NetworkHealth.Week w) {
        NetworkHealth.Headline f = w.figures();
        return new Week(w.week().toString(), w.score(), w.circle(), w.participation(), w.activities(), f == null ? null
                : new WeekFigures(f.activeRatio(), f.purposeAlignment(), f.normBookAcknowledgement(), f.retention90Days(),
                        f.breachesPer100ActiveMembersPer30Days(), f.upheldShare(), f.medianDaysToResolve(), f.top10Share(), f.segments(),
                        f.averageCommitment(), f.averageTrust()));
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

        static Reconsideration of(dev.cohesion.metrics.domain.Reconsideration.Outcome o) {
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
                       int activities,
                       @Schema(description = "The headline figures of the week's last computation; null for a week before the "
                               + "service computed anything") WeekFigures figures) {
    }

    @Schema(name = "HealthWeekFigures", description = "A week's headline figures, each as in NetworkHealth.")
    public record WeekFigures(Double activeRatio, Double purposeAlignment, Double normBookAcknowledgement, Double retention90Days,
                              Double breachesPer100ActiveMembersPer30Days, Double upheldShare, Double medianDaysToResolve,
                              Double top10Share, @Schema(description = "Members by segment, as in NetworkHealth.size.bySegment")
                              Map<String, Integer> segments, Double averageCommitment, Double averageTrust) {
    }
}
