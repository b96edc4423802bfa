package dev.cohesion.members.domain;

import dev.cohesion.events.members.RejectionReason;
import dev.cohesion.events.members.Tally;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdoptionRuleTest {

    private static final double TWO_THIRDS = 2.0 / 3.0;

    @ParameterizedTest(name = "{0} active, {1} endorse, {2} object, {3} abstain -> {4}")
    @CsvSource(nullValues = "ADOPTED", value = {
            // the seed story: 10 active, 7/2/1
            "10, 7, 2, 1, ADOPTED",
            // exactly two thirds of the non-abstaining stances endorse
            "9, 6, 3, 0, ADOPTED",
            "9, 5, 3, 1, ENDORSEMENT_BELOW_THRESHOLD",
            // quorum is 50% of the active members, abstentions count towards it
            "10, 4, 0, 1, ADOPTED",
            "10, 4, 0, 0, QUORUM_NOT_MET",
            "11, 5, 0, 0, QUORUM_NOT_MET",
            // only abstentions: quorum met, nobody endorses
            "4, 0, 0, 4, ENDORSEMENT_BELOW_THRESHOLD",
            // nobody active
            "0, 0, 0, 0, QUORUM_NOT_MET",
            "1, 1, 0, 0, ADOPTED"})
    void the_default_rule_needs_half_the_members_and_two_thirds_of_the_decisive_stances(
            int active, int endorse, int object, int abstain, RejectionReason expected) {
        assertEquals(expected, AdoptionRule.decide(new Tally(active, endorse, object, abstain), 0.5, TWO_THIRDS));
    }

    @ParameterizedTest(name = "quorum {0}, threshold {1}: 10 active, 6/2/0 -> {2}")
    @CsvSource(nullValues = "ADOPTED", value = {
            "0.9, 0.5, QUORUM_NOT_MET",
            "0.8, 0.75, ADOPTED",
            "0.8, 0.8, ENDORSEMENT_BELOW_THRESHOLD"})
    void each_network_sets_its_own_rule(double quorum, double threshold, RejectionReason expected) {
        assertEquals(expected, AdoptionRule.decide(new Tally(10, 6, 2, 0), quorum, threshold));
    }
}
