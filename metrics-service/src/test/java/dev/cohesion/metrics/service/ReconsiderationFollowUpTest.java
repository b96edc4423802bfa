package dev.cohesion.metrics.service;

import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.domain.Reconsideration;
import dev.cohesion.metrics.domain.Segments;
import dev.cohesion.metrics.repository.EngagementInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The follow-up recommendation of the requests to reconsider, and which notices are such requests. */
class ReconsiderationFollowUpTest {

    private static final EngagementInputs.NetworkFacts NETWORK = new EngagementInputs.NetworkFacts(UUID.randomUUID(), "Network",
            new MemberEngagement.Rules(30, new Segments.Thresholds(30, 60, 30, 10)), UUID.randomUUID(), null, "{}", 0);

    @Test
    void overdue_requests_are_followed_up_with_their_figures_and_the_members_list() {
        NetworkHealth.Recommendation r = followUp(new Reconsideration.Outcome(5, 1, 1, 3, 2));
        assertEquals("Follow up the members asked to reconsider", r.title());
        assertEquals("2 members asked to reconsider the purpose more than 14 days ago have neither endorsed it nor left.", r.detail());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("asked", 5);
        figures.put("endorsed", 1);
        figures.put("left", 1);
        figures.put("unanswered", 3);
        figures.put("overdue", 2);
        assertEquals(figures, r.figures());
        assertEquals("/api/v1/networks/" + NETWORK.id() + "/recommendations/FOLLOW_UP_RECONSIDERATION/members", r.membersPath());
        assertEquals("1 member asked to reconsider the purpose more than 14 days ago has neither endorsed it nor left.",
                followUp(new Reconsideration.Outcome(1, 0, 0, 1, 1)).detail());
    }

    @Test
    void requests_not_yet_overdue_or_nobody_asked_call_for_nothing() {
        assertNull(followUp(new Reconsideration.Outcome(3, 1, 0, 2, 0)));
        assertNull(followUp(null));
    }

    @Test
    void a_notice_about_a_purpose_names_it() {
        UUID purpose = UUID.randomUUID();
        assertEquals(purpose, ReconsiderationRequests.purposeOf("purposes/" + purpose));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "purposes/", "purposes/not-a-uuid", "cases/3f2a8d4e-1b6c-4c1e-9a7b-2d5e8f0a1c3b",
            "purposes/3f2a8d4e-1b6c-4c1e-9a7b-2d5e8f0a1c3b/x", "purposes/1-1-1-1-1"})
    void anything_else_names_no_purpose(String about) {
        assertNull(ReconsiderationRequests.purposeOf(about));
    }

    private static NetworkHealth.Recommendation followUp(Reconsideration.Outcome reconsideration) {
        List<NetworkHealth.Recommendation> all = Recommendations.of(NETWORK, 10, 0.9, 9, 1, 0, 0, List.of(), 0, reconsideration);
        assertTrue(all.stream().allMatch(r -> r.kind().equals(Recommendations.FOLLOW_UP_RECONSIDERATION)), "nothing else is due");
        return all.isEmpty() ? null : all.get(0);
    }
}
