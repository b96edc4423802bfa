package dev.cohesion.members.domain;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrganiserAndStanceRulesTest {

    @ParameterizedTest(name = "organiser={0}, status={1}, active organisers={2} -> may step down: {3}")
    @CsvSource({
            "true, ACTIVE, 1, false",
            "true, ACTIVE, 2, true",
            "false, ACTIVE, 1, true",
            "true, SUSPENDED, 1, true"})
    void the_last_active_organiser_stays(boolean organiser, MemberStatus status, long organisers, boolean allowed) {
        Member m = new Member();
        m.organiser = organiser;
        m.status = status;
        Verdict v = OrganiserRule.mayStepDown(m, organisers);
        assertEquals(allowed, v.allowed());
        if (!allowed) {
            assertEquals(OrganiserRule.RULE, v.rule());
        }
    }

    @ParameterizedTest(name = "a {0} member may take a stance: {1}")
    @CsvSource({"ACTIVE, true", "SUSPENDED, false", "APPLIED, false", "INVITED, false", "LEFT, false", "REMOVED, false"})
    void only_active_members_take_stances(MemberStatus status, boolean allowed) {
        Member m = new Member();
        m.status = status;
        Verdict v = StanceRule.mayTakeStance(m);
        assertEquals(allowed, v.allowed());
        if (!allowed) {
            assertEquals(StanceRule.RULE, v.rule());
            assertEquals(true, v.forbidden(), "a 403: this member may not");
        }
    }

    @ParameterizedTest(name = "purpose {0}, opened {1} h ago, closes in {2} h -> open: {3}")
    @CsvSource({
            "IN_CONSULTATION, 1, 1, true",
            "IN_CONSULTATION, -1, 2, false",
            "IN_CONSULTATION, 3, -1, false",
            "ADOPTED, 10, -5, true",
            "DRAFT, 0, 0, false",
            "SUPERSEDED, 10, -5, false",
            "REJECTED, 10, -5, false"})
    void stances_are_taken_during_the_consultation_and_on_the_current_purpose(PurposeStatus status, long openedHoursAgo,
                                                                             long closesInHours, boolean open) {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Purpose p = new Purpose();
        p.status = status;
        p.opensAt = now.minusSeconds(openedHoursAgo * 3600);
        p.closesAt = now.plusSeconds(closesInHours * 3600);
        if (open) {
            StanceRule.requireOpen(p, now);
        } else {
            ProblemException e = assertThrows(ProblemException.class, () -> StanceRule.requireOpen(p, now));
            assertEquals(409, e.type().status());
            assertEquals(status.name(), e.toProblem(null).currentState());
        }
    }
}
