package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.VoteOutcome;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.domain.Verdict;

import java.time.Instant;

/** Who votes on a norm change, and whether a vote passed. */
public final class VotePolicy {

    public static final String ACTIVE_MEMBERS_VOTE = "only-active-members-vote";
    private static final double EPSILON = 1e-9;

    private VotePolicy() {
    }

    public static Verdict mayVote(MemberRecord voter) {
        if (voter == null || !voter.isActive()) {
            return Verdict.forbid(ACTIVE_MEMBERS_VOTE, "Only active members vote"
                    + (voter == null ? "." : "; you are " + voter.status + "."));
        }
        return Verdict.allow();
    }

    public static void requireOpen(NormChange change, Instant now) {
        if (change.status != ChangeStatus.VOTING || !now.isBefore(change.closesAt)) {
            throw ProblemException.invalidTransition("proposal " + change.id, change.status, "voting closed at " + change.closesAt);
        }
    }

    /** Passed when the turnout reaches the quorum and the FOR votes reach the threshold of FOR + AGAINST. */
    public static VoteOutcome decide(int eligible, int votesFor, int against, int abstentions, double quorum, double threshold) {
        int turnout = votesFor + against + abstentions;
        if (eligible == 0 || (double) turnout / eligible + EPSILON < quorum) {
            return VoteOutcome.REJECTED;
        }
        int decisive = votesFor + against;
        return decisive > 0 && (double) votesFor / decisive + EPSILON >= threshold ? VoteOutcome.ADOPTED : VoteOutcome.REJECTED;
    }
}
