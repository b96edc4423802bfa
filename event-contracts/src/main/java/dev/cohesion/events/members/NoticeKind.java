package dev.cohesion.events.members;

/**
 * What a notice tells its member (docs/notifications.md). Each kind is published as its own event type
 * ({@link MembersEvents#NOTICES}); the mandatory ones concern the member's own standing or an invitation they
 * must answer, and cannot be muted.
 */
public enum NoticeKind {
    INVITATION("invitation", true),
    CONSULTATION_OPENED("consultation-opened", false),
    CONSULTATION_CLOSING("consultation-closing", false),
    RECONSIDER_PURPOSE("reconsider-purpose", false),
    NORM_BOOK_TO_ACKNOWLEDGE("norm-book-to-acknowledge", false),
    NORM_BOOK_RENEWAL("norm-book-renewal", false),
    VOTE_CLOSING("vote-closing", false),
    CASE_DECIDED("case-decided", true),
    SANCTION_APPLIED("sanction-applied", true),
    SANCTION_LIFTED("sanction-lifted", true),
    APPEAL_DECIDED("appeal-decided", true);

    private final String eventName;
    private final boolean mandatory;

    NoticeKind(String eventName, boolean mandatory) {
        this.eventName = eventName;
        this.mandatory = mandatory;
    }

    /** The event's name on the topic: {@code cohesion.members.notice-<name>.v1}. */
    public String eventName() {
        return "notice-" + eventName;
    }

    /** A notice about the member's own standing (or an invitation): sent whatever the member's preferences. */
    public boolean mandatory() {
        return mandatory;
    }
}
