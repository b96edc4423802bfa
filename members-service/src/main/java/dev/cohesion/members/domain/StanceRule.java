package dev.cohesion.members.domain;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.domain.Verdict;

import java.time.Instant;

/**
 * Who may take a stance on a purpose version, and when: an ACTIVE member (not a suspended one, not an
 * applicant, not an alumnus), while the consultation is open, or on the current purpose after adoption.
 */
public final class StanceRule {

    public static final String RULE = "only-active-members-take-stances";

    private StanceRule() {
    }

    public static Verdict mayTakeStance(Member member) {
        if (!member.isActive()) {
            return Verdict.forbid(RULE, "Only active members take a stance; you are " + member.status + ".");
        }
        return Verdict.allow();
    }

    /** The purpose side: a 409 naming the purpose's state when it does not take stances now. */
    public static void requireOpen(Purpose purpose, Instant now) {
        if (purpose.status == PurposeStatus.IN_CONSULTATION && now.isBefore(purpose.opensAt)) {
            throw ProblemException.invalidTransition("purpose " + purpose.number, purpose.status,
                    "the consultation opens at " + purpose.opensAt);
        }
        if (!purpose.acceptsStances(now)) {
            throw ProblemException.invalidTransition("purpose " + purpose.number, purpose.status,
                    "stances are taken during its consultation, or on the current purpose");
        }
    }
}
