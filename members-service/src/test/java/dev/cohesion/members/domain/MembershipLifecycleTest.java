package dev.cohesion.members.domain;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MembershipLifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "APPLIED, ACTIVE, true", "APPLIED, DECLINED, true", "APPLIED, SUSPENDED, false", "APPLIED, LEFT, false",
            "INVITED, ACTIVE, true", "INVITED, DECLINED, false",
            "ACTIVE, SUSPENDED, true", "ACTIVE, LEFT, true", "ACTIVE, REMOVED, true", "ACTIVE, APPLIED, false",
            "SUSPENDED, ACTIVE, true", "SUSPENDED, LEFT, true", "SUSPENDED, REMOVED, true", "SUSPENDED, APPLIED, false",
            "LEFT, APPLIED, true", "LEFT, ACTIVE, true", "LEFT, SUSPENDED, false",
            "DECLINED, APPLIED, true", "DECLINED, ACTIVE, false",
            "REMOVED, ACTIVE, true", "REMOVED, APPLIED, false", "REMOVED, LEFT, false"})
    void follows_the_membership_diagram(MemberStatus from, MemberStatus to, boolean allowed) {
        assertEquals(allowed, MembershipLifecycle.allows(from, to));
    }

    @Test
    void a_transition_outside_the_diagram_is_a_409_naming_the_current_state() {
        Member m = new Member();
        m.id = UUID.randomUUID();
        m.status = MemberStatus.LEFT;
        ProblemException e = assertThrows(ProblemException.class, () -> MembershipLifecycle.require(m, MemberStatus.SUSPENDED));
        assertEquals(409, e.type().status());
        assertEquals("LEFT", e.toProblem(null).currentState());
    }
}
