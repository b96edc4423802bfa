package dev.cohesion.events.members;

/**
 * A network's rules as members-service keeps them.
 *
 * @param activeWithinDays  a member is active with an activity within this many days (default 30)
 * @param dormantAfterDays  dormant after this many days without one (default 60)
 * @param newMemberDays     a member with no activity at all becomes dormant after this many days (default 30)
 * @param quorum            share of active members who must take a stance for a consultation to count (default 0.5)
 * @param endorsementThreshold share of non-abstaining stances that must endorse (default 2/3)
 * @param departedProfileDays a member who left, was removed or declined is anonymised this many days later
 *                          (docs/privacy.md; absent in events written before it existed: the default)
 * @param closedCaseTextMonths the free text of a case is redacted this many months after it was decided (absent:
 *                          the default)
 * @param rawActivityMonths activities that occurred longer ago than this are folded into the weekly sums and their
 *                          rows deleted (absent: the default)
 */
public record NetworkSettings(int activeWithinDays, int dormantAfterDays, int newMemberDays, double quorum,
                              double endorsementThreshold, Integer departedProfileDays, Integer closedCaseTextMonths,
                              Integer rawActivityMonths) {

    public static final int DEFAULT_DEPARTED_PROFILE_DAYS = 365;
    public static final int DEFAULT_CLOSED_CASE_TEXT_MONTHS = 24;
    public static final int DEFAULT_RAW_ACTIVITY_MONTHS = 24;

    /** The engagement and consultation rules, with the default retention. */
    public NetworkSettings(int activeWithinDays, int dormantAfterDays, int newMemberDays, double quorum,
                           double endorsementThreshold) {
        this(activeWithinDays, dormantAfterDays, newMemberDays, quorum, endorsementThreshold,
                DEFAULT_DEPARTED_PROFILE_DAYS, DEFAULT_CLOSED_CASE_TEXT_MONTHS, DEFAULT_RAW_ACTIVITY_MONTHS);
    }

    public int closedCaseTextMonthsOrDefault() {
        return closedCaseTextMonths == null ? DEFAULT_CLOSED_CASE_TEXT_MONTHS : closedCaseTextMonths;
    }

    public int rawActivityMonthsOrDefault() {
        return rawActivityMonths == null ? DEFAULT_RAW_ACTIVITY_MONTHS : rawActivityMonths;
    }
}
