package dev.cohesion.kit.domain;

import dev.cohesion.kit.api.problem.ProblemException;

/**
 * What a named policy answers: allowed, or refused with the rule's name and a reason a person can act on.
 * A refusal becomes a 409 (the state forbids it) or a 403 (this caller may not) problem naming the rule.
 */
public record Verdict(boolean allowed, String rule, String reason, boolean forbidden) {

    private static final Verdict ALLOWED = new Verdict(true, null, null, false);

    public static Verdict allow() {
        return ALLOWED;
    }

    /** Refused because of the state of things: 409. */
    public static Verdict refuse(String rule, String reason) {
        return new Verdict(false, rule, reason, false);
    }

    /** Refused because of who asks: 403. */
    public static Verdict forbid(String rule, String reason) {
        return new Verdict(false, rule, reason, true);
    }

    public void orThrow() {
        if (!allowed) {
            throw ProblemException.rule(rule, reason, forbidden);
        }
    }
}
