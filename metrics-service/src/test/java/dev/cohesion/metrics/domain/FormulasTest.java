package dev.cohesion.metrics.domain;

import dev.cohesion.events.metrics.Circle;
import dev.cohesion.events.norms.SanctionRung;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every formula of the engagement model against hand-computed values (docs/engagement-model.md). */
class FormulasTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final double E = 1e-9;

    @ParameterizedTest(name = "weight {0}, {1} days old -> {2}")
    @CsvSource({"5, 0, 5", "5, 30, 2.5", "5, 60, 1.25", "4, 15, 2.8284271247461903", "1, 90, 0.125"})
    void participation_halves_every_30_days(double weight, int ageDays, double expected) {
        assertEquals(expected, Participation.at(weight, NOW.minus(Duration.ofDays(ageDays)), NOW, 30), E);
    }

    @Test
    void kept_incrementally_participation_equals_the_sum_over_all_activities_whatever_their_order() {
        double[][] activities = {{3, 40}, {5, 10}, {1, 70}, {4, 0}, {2, 25}};  // weight, days ago
        double direct = 0;
        for (double[] a : activities) {
            direct += a[0] * Math.pow(2, -a[1] / 30);
        }
        Participation.State state = new Participation.State(0, null);
        for (double[] a : activities) {   // out of order on purpose: 70 days ago comes after 10 days ago
            Instant at = NOW.minus(Duration.ofDays((long) a[1]));
            state = Participation.add(state.value(), state.reference(), a[0], at, 30);
        }
        assertEquals(direct, Participation.at(state.value(), state.reference(), NOW, 30), 1e-9);
        assertEquals(NOW, state.reference(), "referenced at the latest activity");
    }

    @ParameterizedTest(name = "{0} active weeks of 12 -> R = {1}")
    @CsvSource({"0, 0", "3, 0.25", "6, 0.5", "12, 1", "15, 1"})
    void regularity_counts_active_weeks_among_the_last_twelve(int weeks, double r) {
        assertEquals(r, Commitment.regularity(weeks), E);
    }

    @ParameterizedTest(name = "endorses {0}, acknowledged {1}, R {2} -> C {3}")
    @CsvSource(nullValues = "-", value = {
            "true, true, 1, 1",
            "true, false, 0.5, 0.55",
            "false, true, 0, 0.3",
            "false, false, 0.25, 0.075",
            // no norm book yet: 0.4 and 0.3 renormalised over 0.7
            "true, -, 0.5, 0.7857142857142857",
            // no purpose yet
            "-, true, 0, 0.5",
            // neither: C is R
            "-, -, 0.75, 0.75"})
    void commitment_weighs_endorsement_acknowledgement_and_regularity(Boolean endorses, Boolean acknowledged, double r, double c) {
        assertEquals(c, Commitment.of(endorses, acknowledged, r).value(), E);
    }

    @Test
    void trust_grows_with_tenure_and_sanctions_weigh_on_it_less_as_they_age() {
        Instant joined = NOW.minus(Duration.ofDays(365));
        assertEquals(1.0, Trust.of(joined, List.of(), NOW).value(), E);
        assertEquals(0.85, Trust.of(NOW.minus(Duration.ofDays(Math.round(365 / 2.0))), List.of(), NOW).value(), 0.001);
        var warningToday = new Trust.Sanction(SanctionRung.WARNING, NOW, false);
        assertEquals(0.85, Trust.of(joined, List.of(warningToday), NOW).value(), E);
        var suspension180DaysAgo = new Trust.Sanction(SanctionRung.TEMPORARY_SUSPENSION, NOW.minus(Duration.ofDays(180)), false);
        assertEquals(1 - 0.175, Trust.of(joined, List.of(suspension180DaysAgo), NOW).value(), E);
        var expunged = new Trust.Sanction(SanctionRung.TEMPORARY_SUSPENSION, NOW, true);
        assertEquals(1.0, Trust.of(joined, List.of(expunged), NOW).value(), E);
        var removal = new Trust.Sanction(SanctionRung.PERMANENT_REMOVAL, NOW.minus(Duration.ofDays(400)), false);
        assertEquals(0.0, Trust.of(joined, List.of(removal), NOW).value(), E);
        var three = List.of(new Trust.Sanction(SanctionRung.TEMPORARY_SUSPENSION, NOW, false),
                new Trust.Sanction(SanctionRung.TEMPORARY_SUSPENSION, NOW, false),
                new Trust.Sanction(SanctionRung.TEMPORARY_SUSPENSION, NOW, false));
        assertEquals(0.0, Trust.of(NOW, three, NOW).value(), E, "clamped at 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case, joined days ago, last activity days ago, last sanction days ago, recent, previous, endorses, acknowledged, R, P -> segment
            "no activity for 61 days, 400, 61, -, 0, 0, true, true, 0, 0, DORMANT",
            "a member of 30 days with none, 30, -, -, 0, 0, -, -, 0, 0, DORMANT",
            "sanctioned 10 days ago, 400, 2, 10, 5, 5, true, true, 1, 20, AT_RISK",
            "participation fell by more than half, 400, 2, -, 2, 5, true, true, 1, 20, AT_RISK",
            "new, 10, 1, -, 3, 0, false, false, 0.1, 3, NEW",
            "uncommitted, 120, 3, -, 3, 3, false, false, 0.5, 15, UNCOMMITTED",
            "core, 120, 3, -, 3, 3, true, false, 0.5, 15, CORE",
            "engaged but irregular, 120, 3, -, 3, 3, true, true, 0.25, 15, ENGAGED",
            "occasional, 120, 40, -, 0, 0, true, true, 0.25, 2, OCCASIONAL"})
    void segments(String description, int joinedDaysAgo, Integer lastActivityDaysAgo, Integer lastSanctionDaysAgo, double recent,
                  double previous, Boolean endorses, Boolean acknowledged, double r, double p, Segment expected) {
        var facts = new Segments.Facts(NOW.minus(Duration.ofDays(joinedDaysAgo)), ago(lastActivityDaysAgo), ago(lastSanctionDaysAgo),
                recent, previous, endorses, acknowledged, r, p);
        assertEquals(expected, Segments.of(facts, new Segments.Thresholds(30, 60, 30, 10), NOW), description);
    }

    @Test
    void the_health_score_weighs_its_parts_and_leaves_out_those_that_do_not_apply() {
        HealthScore.Result all = HealthScore.of(1.0, 1.0, 1.0, 1.0, 0.1, 0.0);
        assertEquals(100, all.score());
        HealthScore.Result mixed = HealthScore.of(0.6, 0.8, 0.5, 0.9, 0.55, 2.0);
        // 25*.6 + 20*.8 + 15*.5 + 15*.9 + 10*(1-(.55-.1)/.9) + 15*(1-.2) = 15+16+7.5+13.5+5+12 = 69
        assertEquals(69, mixed.score());
        HealthScore.Result young = HealthScore.of(0.5, null, null, null, null, 0.0);
        // only activity (25) and conduct (15): (12.5 + 15) / 40
        assertEquals(69, young.score());
        assertNull(young.parts().get("alignment"));
        assertEquals(Map.of("activity", 25.0, "conduct", 15.0), young.weights());
    }

    @Test
    void the_circle_is_virtuous_when_all_rise_vicious_when_all_fall() {
        var up = CircleDirection.Trend.RISING;
        var down = CircleDirection.Trend.FALLING;
        assertEquals(Circle.VIRTUOUS, CircleDirection.of(up, up, up));
        assertEquals(Circle.VICIOUS, CircleDirection.of(down, down, down));
        assertEquals(Circle.MIXED, CircleDirection.of(up, down, up));
        assertEquals(up, CircleDirection.participation(106, 100));
        assertEquals(CircleDirection.Trend.STEADY, CircleDirection.participation(104, 100));
        assertEquals(down, CircleDirection.participation(90, 100));
        assertEquals(up, CircleDirection.participation(1, 0));
        assertEquals(down, CircleDirection.score(0.5, 0.52));
        assertEquals(CircleDirection.Trend.STEADY, CircleDirection.score(0.5, 0.505));
    }

    @Test
    void concentration_shows_when_a_few_carry_the_network() {
        assertEquals(0.5, Concentration.top10Share(List.of(50.0, 10.0, 10.0, 10.0, 5.0, 5.0, 4.0, 3.0, 2.0, 1.0)), E);
        assertEquals(0.25, Concentration.top10Share(List.of(1.0, 1.0, 1.0, 1.0)), E, "at least one member");
        assertNull(Concentration.top10Share(List.of(0.0, 0.0)));
        assertEquals(1, Concentration.organisationsForHalf(Map.of("A", 60.0, "B", 30.0, "C", 10.0)));
        assertEquals(2, Concentration.organisationsForHalf(Map.of("A", 40.0, "B", 35.0, "C", 25.0)));
        assertEquals(0, Concentration.organisationsForHalf(Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case, asked days ago, status, endorses, left days ago, exit reason -> answer
            "endorsed since, 20, ACTIVE, true, -, -, ENDORSED",
            "endorsed then left for another reason, 20, LEFT, true, 5, MOVED_ON, ENDORSED",
            "left for the purpose after being asked, 20, LEFT, false, 5, DOES_NOT_SHARE_PURPOSE, LEFT",
            "left for the purpose though an endorsement is on record, 20, LEFT, true, 5, DOES_NOT_SHARE_PURPOSE, LEFT",
            "left for the purpose before being asked, 20, LEFT, false, 25, DOES_NOT_SHARE_PURPOSE, NONE",
            "left for another reason, 20, LEFT, false, 5, MOVED_ON, NONE",
            "removed, 20, REMOVED, false, 5, REMOVED_BY_ORGANISER, NONE",
            "suspended, 20, SUSPENDED, false, -, -, NONE",
            "silent, 20, ACTIVE, false, -, -, UNANSWERED"})
    void a_member_asked_to_reconsider_endorsed_left_for_the_purpose_or_has_not_answered(String description, int askedDaysAgo,
                                                                                       String status, boolean endorses, Integer leftDaysAgo,
                                                                                       String exitReason, Reconsideration.Answer expected) {
        var asked = new Reconsideration.Asked(ago(askedDaysAgo), status, endorses, ago(leftDaysAgo), exitReason);
        assertEquals(expected, Reconsideration.answer(asked), description);
    }

    @Test
    void unanswered_requests_are_overdue_after_14_days_and_nobody_asked_gives_no_outcome() {
        var members = List.of(new Reconsideration.Asked(ago(20), "ACTIVE", true, null, null),
                new Reconsideration.Asked(ago(20), "LEFT", false, ago(3), "DOES_NOT_SHARE_PURPOSE"),
                new Reconsideration.Asked(ago(15), "ACTIVE", false, null, null),
                new Reconsideration.Asked(ago(13), "ACTIVE", false, null, null),
                new Reconsideration.Asked(ago(20), "SUSPENDED", false, null, null));
        assertEquals(new Reconsideration.Outcome(5, 1, 1, 2, 1), Reconsideration.of(members, NOW));
        assertNull(Reconsideration.of(List.of(), NOW));
    }

    private static Instant ago(Integer days) {
        return days == null ? null : NOW.minus(Duration.ofDays(days));
    }
}
