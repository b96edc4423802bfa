package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.events.norms.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SanctionLadderTest {

    private static final List<SanctionLadder.Step> DEFAULT = SanctionLadder.steps(List.of(SanctionRung.CORRECTION,
            SanctionRung.WARNING, SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.PERMANENT_REMOVAL), List.of(7, 30, 90));

    @ParameterizedTest(name = "{0} earlier sanctions, {1} norm -> {2} {3}")
    @CsvSource(nullValues = "-", value = {
            "0, MEDIUM, CORRECTION, -",
            "1, MEDIUM, WARNING, -",
            "2, MEDIUM, TEMPORARY_SUSPENSION, 7",
            "3, MEDIUM, TEMPORARY_SUSPENSION, 30",
            "4, MEDIUM, TEMPORARY_SUSPENSION, 90",
            "5, MEDIUM, PERMANENT_REMOVAL, -",
            "9, MEDIUM, PERMANENT_REMOVAL, -",
            "0, LOW, CORRECTION, -",
            "0, HIGH, WARNING, -",
            "1, HIGH, TEMPORARY_SUSPENSION, 7",
            "4, HIGH, PERMANENT_REMOVAL, -"})
    void the_rung_follows_the_counted_sanctions_and_the_norms_severity(int earlier, Severity severity, SanctionRung rung,
                                                                        Integer days) {
        SanctionLadder.Recommendation r = SanctionLadder.recommend(DEFAULT, earlier, 180, severity, "N-03");
        assertEquals(rung, r.rung());
        assertEquals(days, r.suspensionDays());
        assertEquals(earlier, r.countedSanctions());
    }

    @Test
    void the_recommendation_gives_its_reasoning() {
        SanctionLadder.Recommendation r = SanctionLadder.recommend(DEFAULT, 2, 180, Severity.MEDIUM, "N-03");
        assertEquals("2 earlier sanctions within the 180-day forgiveness window (expunged ones do not count); norm N-03 is MEDIUM: "
                + "step 3 of 6, a temporary suspension of 7 days.", r.reasoning());
        assertTrue(SanctionLadder.recommend(DEFAULT, 0, 90, Severity.HIGH, "N-01").reasoning().contains("one step higher"));
    }

    @Test
    void a_network_may_shorten_its_ladder() {
        List<SanctionLadder.Step> short_ = SanctionLadder.steps(List.of(SanctionRung.WARNING, SanctionRung.PERMANENT_REMOVAL), List.of(7));
        assertEquals(SanctionRung.WARNING, SanctionLadder.recommend(short_, 0, 180, Severity.LOW, "N").rung());
        assertEquals(SanctionRung.PERMANENT_REMOVAL, SanctionLadder.recommend(short_, 1, 180, Severity.LOW, "N").rung());
    }

    @ParameterizedTest(name = "{0} earlier suspensions -> {1} days")
    @CsvSource({"0, 7", "1, 30", "2, 90", "5, 90"})
    void successive_suspensions_escalate(int earlier, int days) {
        assertEquals(days, SanctionLadder.suspensionDays(List.of(7, 30, 90), earlier));
    }
}
