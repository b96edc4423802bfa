package dev.cohesion.metrics.service;

import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.domain.Reconsideration;
import dev.cohesion.metrics.repository.EngagementInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an organiser should do next, each with the figures that triggered it (docs/engagement-model.md). */
public final class Recommendations {

    public static final String STATE_A_PURPOSE = "STATE_A_PURPOSE";
    public static final String RUN_A_VALIDATION_ROUND = "RUN_A_VALIDATION_ROUND";
    public static final String RE_ENGAGE_DORMANT = "RE_ENGAGE_DORMANT";
    public static final String REMIND_NORM_BOOK = "REMIND_NORM_BOOK";
    public static final String REVIEW_NORM = "REVIEW_NORM";
    public static final String CLEAR_CASE_BACKLOG = "CLEAR_CASE_BACKLOG";
    public static final String FOLLOW_UP_RECONSIDERATION = "FOLLOW_UP_RECONSIDERATION";

    static final double ALIGNMENT_THRESHOLD = 0.6;
    static final double DORMANT_THRESHOLD = 0.2;

    private Recommendations() {
    }

    static List<NetworkHealth.Recommendation> of(EngagementInputs.NetworkFacts network, int active, Double alignment, int endorsing,
                                              int notEndorsing, int dormant, int unacknowledged,
                                              List<HealthCalculator.NormReview> reviews, int backlog,
                                              Reconsideration.Outcome reconsideration) {
        String base = "/api/v1/networks/" + network.id() + "/recommendations/";
        List<NetworkHealth.Recommendation> list = new ArrayList<>();
        if (network.currentPurposeId() == null) {
            list.add(new NetworkHealth.Recommendation(STATE_A_PURPOSE, "State a purpose",
                    "The network has no adopted purpose: draft one and validate it with the members.",
                    figures("activeMembers", active), null));
        } else if (alignment != null && alignment < ALIGNMENT_THRESHOLD) {
            list.add(new NetworkHealth.Recommendation(RUN_A_VALIDATION_ROUND, "Run a validation round",
                    "Only " + percent(alignment) + " of the active members endorse the current purpose (below 60%).",
                    figures("purposeAlignment", alignment, "endorsing", endorsing, "notEndorsing", notEndorsing), null));
        }
        if (reconsideration != null && reconsideration.overdue() > 0) {
            list.add(new NetworkHealth.Recommendation(FOLLOW_UP_RECONSIDERATION, "Follow up the members asked to reconsider",
                    (reconsideration.overdue() == 1 ? "1 member" : reconsideration.overdue() + " members")
                            + " asked to reconsider the purpose more than " + Reconsideration.OVERDUE_AFTER_DAYS + " days ago "
                            + (reconsideration.overdue() == 1 ? "has" : "have") + " neither endorsed it nor left.",
                    figures("asked", reconsideration.asked(), "endorsed", reconsideration.endorsed(), "left", reconsideration.left(),
                            "unanswered", reconsideration.unanswered(), "overdue", reconsideration.overdue()),
                    base + FOLLOW_UP_RECONSIDERATION + "/members"));
        }
        if (active > 0 && (double) dormant / active > DORMANT_THRESHOLD) {
            list.add(new NetworkHealth.Recommendation(RE_ENGAGE_DORMANT, "Re-engage or offboard dormant members",
                    dormant + " of " + active + " active members are dormant (more than 20%).",
                    figures("dormantMembers", dormant, "dormantShare", HealthCalculator.round((double) dormant / active)),
                    base + RE_ENGAGE_DORMANT + "/members"));
        }
        if (network.currentBookVersion() != null && unacknowledged > 0) {
            list.add(new NetworkHealth.Recommendation(REMIND_NORM_BOOK, "Remind members to acknowledge the norm book",
                    unacknowledged + " active members have not acknowledged version " + network.currentBookVersion() + ".",
                    figures("unacknowledged", unacknowledged, "normBookVersion", network.currentBookVersion()),
                    base + REMIND_NORM_BOOK + "/members"));
        }
        for (HealthCalculator.NormReview r : reviews) {
            list.add(new NetworkHealth.Recommendation(REVIEW_NORM, "Review or clarify norm " + r.normCode(),
                    r.reason().equals("BREACHED_OFTEN") ? r.normCode() + " was breached " + r.breachesLast30Days() + " times in 30 days."
                            : r.normCode() + "'s sanctions were overturned on " + r.appealsUpheld() + " of " + r.appealsDecided() + " appeals.",
                    figures("normId", r.normId().toString(), "normCode", r.normCode(), "reason", r.reason(),
                            "breachesLast30Days", r.breachesLast30Days(), "appealsDecided", r.appealsDecided(),
                            "appealsUpheld", r.appealsUpheld()), null));
        }
        if (backlog > 0) {
            list.add(new NetworkHealth.Recommendation(CLEAR_CASE_BACKLOG, "Clear the case backlog",
                    backlog + " cases have been open for more than 14 days.", figures("casesOpenOver14Days", backlog), null));
        }
        return list;
    }

    private static Map<String, Object> figures(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
