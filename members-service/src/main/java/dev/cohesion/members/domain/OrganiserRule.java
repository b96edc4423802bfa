package dev.cohesion.members.domain;

import dev.cohesion.kit.domain.Verdict;

/** A network always keeps an organiser: the last one can neither leave nor be demoted. */
public final class OrganiserRule {

    public static final String RULE = "last-organiser-stays";

    private OrganiserRule() {
    }

    /**
     * @param member          the member about to leave or lose the role
     * @param activeOrganisers the network's active organisers now, the member included
     */
    public static Verdict mayStepDown(Member member, long activeOrganisers) {
        if (member.organiser && member.isActive() && activeOrganisers <= 1) {
            return Verdict.refuse(RULE, "This is the network's last organiser: make someone else organiser first.");
        }
        return Verdict.allow();
    }
}
