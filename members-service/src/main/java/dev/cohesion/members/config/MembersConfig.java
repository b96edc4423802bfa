package dev.cohesion.members.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Defaults for new networks, and the schedulers' pace. */
@ConfigMapping(prefix = "cohesion.members")
public interface MembersConfig {

    /** Settings a network gets when its create request leaves them out. */
    Defaults defaults();

    /** How often the schedulers look for consultations to close and suspensions to end (a Quarkus duration). */
    @WithDefault("1s")
    String schedulerInterval();

    interface Defaults {
        /** A member is active with an activity within this many days. */
        @WithDefault("30")
        int activeWithinDays();

        /** A member is dormant after this many days without activity. */
        @WithDefault("60")
        int dormantAfterDays();

        /** A member with no activity at all is dormant after this many days. */
        @WithDefault("30")
        int newMemberDays();

        /** Share of the active members who must take a stance for a consultation to count. */
        @WithDefault("0.5")
        double quorum();

        /** Share of the non-abstaining stances that must endorse a purpose for adoption (2/3). */
        @WithDefault("0.6666666666666666")
        double endorsementThreshold();
    }
}
