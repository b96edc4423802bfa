package dev.cohesion.norms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Defaults for a network's norms settings, and the schedulers' pace. */
@ConfigMapping(prefix = "cohesion.norms")
public interface NormsConfig {

    Defaults defaults();

    /** How often the scheduler closes norm-change votes that came due (a Quarkus duration). */
    @WithDefault("1s")
    String schedulerInterval();

    /**
     * A norm-change vote closing within this window has members-service remind the active members who have not voted
     * (once per vote; a vote shorter than the window is reminded as soon as it opens).
     */
    @WithDefault("48h")
    Duration voteClosingReminder();

    interface Defaults {
        /** The sanction ladder, lowest rung first. */
        @WithDefault("CORRECTION,WARNING,TEMPORARY_SUSPENSION,PERMANENT_REMOVAL")
        List<String> ladder();

        /** Lengths of successive temporary suspensions, in days. */
        @WithDefault("7,30,90")
        List<Integer> suspensionDays();

        /** Sanctions older than this many days no longer count towards the next rung. */
        @WithDefault("180")
        int forgivenessDays();

        /** A sanctioned member may appeal within this many days. */
        @WithDefault("20")
        int appealWindowDays();

        /** Share of the active members who must vote for a norm change to count. */
        @WithDefault("0.5")
        double voteQuorum();

        /** Share of the FOR + AGAINST votes that must be FOR. */
        @WithDefault("0.5")
        double voteThreshold();
    }
}
