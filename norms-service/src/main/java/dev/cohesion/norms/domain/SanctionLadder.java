package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.events.norms.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The graduated sanction ladder (default after the Contributor Covenant's enforcement guidelines): CORRECTION →
 * WARNING → TEMPORARY_SUSPENSION of 7, then 30, then 90 days → PERMANENT_REMOVAL. The recommended step is the
 * number of the member's earlier sanctions that still count (applied within the forgiveness window, not
 * expunged), one step higher for a HIGH-severity norm, capped at the top of the ladder.
 */
public final class SanctionLadder {

    /** One step of the expanded ladder: a rung, and for suspensions their length. */
    public record Step(SanctionRung rung, Integer suspensionDays) {
        public String describe() {
            return rung == SanctionRung.TEMPORARY_SUSPENSION ? "a temporary suspension of " + suspensionDays + " days"
                    : "a " + rung.name().toLowerCase().replace('_', ' ');
        }
    }

    /** What the ladder recommends, and why. */
    public record Recommendation(SanctionRung rung, Integer suspensionDays, int countedSanctions, String reasoning) {
    }

    private SanctionLadder() {
    }

    /** Expands the ladder: a TEMPORARY_SUSPENSION rung becomes one step per suspension length. */
    public static List<Step> steps(List<SanctionRung> ladder, List<Integer> suspensionDays) {
        List<Step> steps = new ArrayList<>();
        for (SanctionRung rung : ladder) {
            if (rung == SanctionRung.TEMPORARY_SUSPENSION) {
                suspensionDays.forEach(days -> steps.add(new Step(rung, days)));
            } else {
                steps.add(new Step(rung, null));
            }
        }
        return steps;
    }

    public static Recommendation recommend(List<Step> steps, int countedSanctions, int forgivenessDays, Severity severity,
                                           String normCode) {
        int shift = severity == Severity.HIGH ? 1 : 0;
        int index = Math.min(countedSanctions + shift, steps.size() - 1);
        Step step = steps.get(index);
        String reasoning = countedSanctions + " earlier sanction" + (countedSanctions == 1 ? "" : "s")
                + " within the " + forgivenessDays + "-day forgiveness window (expunged ones do not count); norm "
                + normCode + " is " + severity + (shift > 0 ? ", one step higher" : "") + ": step " + (index + 1)
                + " of " + steps.size() + ", " + step.describe() + ".";
        return new Recommendation(step.rung(), step.suspensionDays(), countedSanctions, reasoning);
    }

    /** The length of a suspension the organiser chose: the next one on the ladder after the member's earlier ones. */
    public static int suspensionDays(List<Integer> suspensionDays, int earlierSuspensions) {
        return suspensionDays.get(Math.min(earlierSuspensions, suspensionDays.size() - 1));
    }
}
