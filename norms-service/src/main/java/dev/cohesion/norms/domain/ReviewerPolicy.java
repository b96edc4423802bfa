package dev.cohesion.norms.domain;

import dev.cohesion.kit.domain.Verdict;

import java.util.UUID;

/**
 * Who may review, decide and sanction a case: an organiser who is neither its reporter nor its subject; the decision
 * falls to the one who claimed it.
 */
public final class ReviewerPolicy {

    public static final String INDEPENDENCE = "reviewer-independence";
    public static final String CLAIMANT_DECIDES = "reviewer-decides";

    private ReviewerPolicy() {
    }

    public static Verdict mayReview(BreachCase c, UUID organiser) {
        if (organiser.equals(c.reporterMemberId)) {
            return Verdict.forbid(INDEPENDENCE, "You reported this breach: another organiser reviews it.");
        }
        if (organiser.equals(c.subjectMemberId)) {
            return Verdict.forbid(INDEPENDENCE, "This case is about you: another organiser reviews it.");
        }
        return Verdict.allow();
    }

    public static Verdict mayDecide(BreachCase c, UUID organiser) {
        Verdict independent = mayReview(c, organiser);
        if (!independent.allowed()) {
            return independent;
        }
        if (!organiser.equals(c.reviewerMemberId)) {
            return Verdict.forbid(CLAIMANT_DECIDES, "The organiser who claimed the case decides it.");
        }
        return Verdict.allow();
    }
}
