package dev.cohesion.events.members;

/**
 * A network's rules as members-service keeps them.
 *
 * @param activeWithinDays  a member is active with an activity within this many days (default 30)
 * @param dormantAfterDays  dormant after this many days without one (default 60)
 * @param newMemberDays     a member with no activity at all becomes dormant after this many days (default 30)
 * @param quorum            share of active members who must take a stance for a consultation to count (default 0.5)
 * @param endorsementThreshold share of non-abstaining stances that must endorse (default 2/3)
 */
public record NetworkSettings(int activeWithinDays, int dormantAfterDays, int newMemberDays, double quorum,
                              double endorsementThreshold) {
}
