package dev.cohesion.norms.domain;

import dev.cohesion.kit.domain.Verdict;

import java.time.Instant;
import java.util.UUID;

/** May this appeal be filed, and who may decide it. */
public final class AppealPolicy {

    private AppealPolicy() {
    }

    /** The sanctioned member appeals once per sanction, until its deadline, while the sanction stands. */
    public static Verdict mayAppeal(Sanction s, UUID appellant, boolean alreadyAppealed, Instant now) {
        if (!s.memberId.equals(appellant)) {
            return Verdict.forbid("own-sanction-only", "Only the sanctioned member can appeal this sanction.");
        }
        if (alreadyAppealed) {
            return Verdict.refuse("appeal-once-per-sanction", "This sanction was already appealed; an appeal is filed once.");
        }
        if (s.liftedAt != null) {
            return Verdict.refuse("appeal-against-standing-sanction", "This sanction was lifted already.");
        }
        if (now.isAfter(s.appealUntil)) {
            return Verdict.refuse("appeal-window", "This sanction could be appealed until " + s.appealUntil + ".");
        }
        return Verdict.allow();
    }

    /** An appeal is decided by an organiser other than the one who sanctioned. */
    public static Verdict mayDecide(Sanction s, UUID organiser) {
        if (s.appliedBy.equals(organiser)) {
            return Verdict.forbid("appeal-decided-by-another-organiser",
                    "You applied this sanction: another organiser decides the appeal.");
        }
        if (s.memberId.equals(organiser)) {
            return Verdict.forbid("appeal-decided-by-another-organiser", "You cannot decide your own appeal.");
        }
        return Verdict.allow();
    }
}
