package dev.cohesion.metrics.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of the organisers' requests to reconsider the current purpose (members-service's reconsider-purpose
 * notices): each member asked either endorsed it, left because they do not share it, has not answered yet, or
 * none of these (suspended, removed, or left for another reason without endorsing). Unanswered requests older
 * than {@value #OVERDUE_AFTER_DAYS} days are overdue: the organisers should follow them up.
 */
public final class Reconsideration {

    public static final int OVERDUE_AFTER_DAYS = 14;
    /** The exit reason members-service records for a member who leaves because they do not share the purpose. */
    public static final String DOES_NOT_SHARE_PURPOSE = "DOES_NOT_SHARE_PURPOSE";

    private Reconsideration() {
    }

    /** A member asked to reconsider, as the count needs them. */
    public record Asked(Instant askedAt, String status, boolean endorses, Instant leftAt, String exitReason) {
    }

    /** How the members asked answered; {@code overdue} are among {@code unanswered}. */
    public record Outcome(int asked, int endorsed, int left, int unanswered, int overdue) {
    }

    /** Where one member asked stands. */
    public enum Answer { ENDORSED, LEFT, UNANSWERED, NONE }

    /** The outcome over the members asked; null when nobody was asked. */
    public static Outcome of(List<Asked> members, Instant now) {
        if (members.isEmpty()) {
            return null;
        }
        Instant overdueBefore = now.minus(Duration.ofDays(OVERDUE_AFTER_DAYS));
        int endorsed = 0;
        int left = 0;
        int unanswered = 0;
        int overdue = 0;
        for (Asked a : members) {
            switch (answer(a)) {
                case ENDORSED -> endorsed++;
                case LEFT -> left++;
                case UNANSWERED -> {
                    unanswered++;
                    overdue += a.askedAt().isBefore(overdueBefore) ? 1 : 0;
                }
                case NONE -> { }
            }
        }
        return new Outcome(members.size(), endorsed, left, unanswered, overdue);
    }

    /**
     * Leaving for the purpose counts only when it came after the request (an earlier departure answered nothing);
     * it wins over a stance still on record. An endorsement counts whatever the member's status now: it answered the
     * request. Only a member still ACTIVE can still answer, so only they are unanswered.
     */
    public static Answer answer(Asked a) {
        if ("LEFT".equals(a.status()) && DOES_NOT_SHARE_PURPOSE.equals(a.exitReason()) && a.leftAt() != null
                && !a.leftAt().isBefore(a.askedAt())) {
            return Answer.LEFT;
        }
        if (a.endorses()) {
            return Answer.ENDORSED;
        }
        return "ACTIVE".equals(a.status()) ? Answer.UNANSWERED : Answer.NONE;
    }
}
