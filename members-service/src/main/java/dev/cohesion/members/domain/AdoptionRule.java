package dev.cohesion.members.domain;

import dev.cohesion.events.members.RejectionReason;
import dev.cohesion.events.members.Tally;

/**
 * Whether a consultation adopts its purpose: a quorum of the active members took a stance (ENDORSE, OBJECT or
 * ABSTAIN), and the endorsements reach the threshold share of the non-abstaining stances. Defaults: quorum
 * 50%, threshold 2/3.
 */
public final class AdoptionRule {

    /** Tolerance for shares stored as doubles (2/3 cannot be exact). */
    private static final double EPSILON = 1e-9;

    private AdoptionRule() {
    }

    /** @return null when adopted, else why not */
    public static RejectionReason decide(Tally tally, double quorum, double endorsementThreshold) {
        int taken = tally.endorse() + tally.object() + tally.abstain();
        if (tally.activeMembers() == 0 || (double) taken / tally.activeMembers() + EPSILON < quorum) {
            return RejectionReason.QUORUM_NOT_MET;
        }
        int decisive = tally.endorse() + tally.object();
        if (decisive == 0 || (double) tally.endorse() / decisive + EPSILON < endorsementThreshold) {
            return RejectionReason.ENDORSEMENT_BELOW_THRESHOLD;
        }
        return null;
    }
}
