package dev.cohesion.members.domain;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.problem.ProblemException;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.cohesion.events.members.MemberStatus.ACTIVE;
import static dev.cohesion.events.members.MemberStatus.APPLIED;
import static dev.cohesion.events.members.MemberStatus.DECLINED;
import static dev.cohesion.events.members.MemberStatus.INVITED;
import static dev.cohesion.events.members.MemberStatus.LEFT;
import static dev.cohesion.events.members.MemberStatus.REMOVED;
import static dev.cohesion.events.members.MemberStatus.SUSPENDED;

/**
 * The membership state diagram: APPLIED or INVITED → ACTIVE ⇄ SUSPENDED → LEFT or REMOVED; an application may
 * be DECLINED; who left or was declined may apply again; an organiser may readmit who left or whom an organiser
 * removed, and a lifted sanction brings back whom it removed.
 * Any other transition is a 409 naming the current state.
 */
public final class MembershipLifecycle {

    private static final Map<MemberStatus, Set<MemberStatus>> NEXT = new EnumMap<>(MemberStatus.class);

    static {
        NEXT.put(APPLIED, EnumSet.of(ACTIVE, DECLINED));
        NEXT.put(INVITED, EnumSet.of(ACTIVE));
        NEXT.put(ACTIVE, EnumSet.of(SUSPENDED, LEFT, REMOVED));
        NEXT.put(SUSPENDED, EnumSet.of(ACTIVE, LEFT, REMOVED));
        NEXT.put(LEFT, EnumSet.of(APPLIED, ACTIVE));
        NEXT.put(DECLINED, EnumSet.of(APPLIED));
        NEXT.put(REMOVED, EnumSet.of(ACTIVE));
    }

    private MembershipLifecycle() {
    }

    public static boolean allows(MemberStatus from, MemberStatus to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    public static void require(Member member, MemberStatus to) {
        if (!allows(member.status, to)) {
            throw ProblemException.invalidTransition("member " + member.id, member.status,
                    "a " + member.status + " member cannot become " + to);
        }
    }
}
