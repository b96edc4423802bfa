package dev.cohesion.metrics.service;

import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.domain.Segments;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.HealthInputs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The health's member figures, added a member at a time ({@link HealthCalculator.Members}), whatever the pages. */
class HealthCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final EngagementInputs.NetworkFacts NETWORK = new EngagementInputs.NetworkFacts(UUID.randomUUID(), "n",
            new MemberEngagement.Rules(30, new Segments.Thresholds(30, 60, 30, 10)), UUID.randomUUID(), 1, "{}", 1);
    private static final HealthInputs.Participation WEEKS = new HealthInputs.Participation(12, 10);

    @Test
    void members_are_counted_by_status_and_segment_and_the_shares_are_of_the_active_members() {
        NetworkHealth h = health(1, rows());
        assertThat(h.size(), equalTo(new NetworkHealth.Size(5, Map.of("ACTIVE", 3, "LEFT", 1, "SUSPENDED", 1),
                h.size().bySegment())));
        // segments count ACTIVE and SUSPENDED members: the endorsing pair (ENGAGED), the dormant one, the suspended one
        assertThat(h.size().bySegment().get("ENGAGED"), equalTo(2));
        assertThat(h.size().bySegment().get("DORMANT"), equalTo(2));
        assertThat(h.activeRatio(), equalTo(0.6667));
        assertThat(h.purposeAlignment(), equalTo(0.6667));
        assertThat(h.normBookAcknowledgement(), equalTo(0.3333));
        assertThat(h.reconsideration().asked(), equalTo(1));
    }

    @Test
    void pages_of_any_size_give_the_health_of_the_whole() {
        List<EngagementInputs.MemberRow> rows = rows();
        NetworkHealth whole = health(rows.size(), rows);
        for (int page = 1; page < rows.size(); page++) {
            assertThat("pages of " + page, health(page, rows), equalTo(whole));
        }
    }

    private static NetworkHealth health(int page, List<EngagementInputs.MemberRow> rows) {
        HealthCalculator.Members members = new HealthCalculator.Members(NETWORK, NOW);
        for (int i = 0; i < rows.size(); i += page) {
            members.add(rows.subList(i, Math.min(rows.size(), i + page)));
        }
        return HealthCalculator.compute(members, List.of(), List.of(), WEEKS).health();
    }

    private static List<EngagementInputs.MemberRow> rows() {
        List<EngagementInputs.MemberRow> rows = new ArrayList<>();
        rows.add(row("ACTIVE", 2, true, true, null, null));
        rows.add(row("ACTIVE", 3, true, false, null, NOW.minus(Duration.ofDays(20))));
        rows.add(row("ACTIVE", 90, false, false, null, null));
        rows.add(row("SUSPENDED", 100, false, false, null, null));
        rows.add(row("LEFT", 5, false, false, NOW.minus(Duration.ofDays(3)), null));
        return rows;
    }

    private static EngagementInputs.MemberRow row(String status, int daysSinceActive, boolean endorses, boolean acknowledged,
                                                  Instant leftAt, Instant askedToReconsiderAt) {
        Instant joined = NOW.minus(Duration.ofDays(400));
        Instant last = NOW.minus(Duration.ofDays(daysSinceActive));
        return new EngagementInputs.MemberRow(new MemberEngagement.Inputs(UUID.randomUUID(), status, joined, joined, 2, last, last,
                daysSinceActive < 30 ? 1 : 0, 0, daysSinceActive < 28 ? 1 : 0, 0, endorses, endorses ? joined : null,
                acknowledged, acknowledged ? joined : null, List.of()), "m", "Org", leftAt, leftAt == null ? null : "OTHER",
                askedToReconsiderAt);
    }
}
