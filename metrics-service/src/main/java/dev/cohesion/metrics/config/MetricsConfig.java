package dev.cohesion.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Engagement defaults for new networks, how often network health is recomputed and retention runs. */
@ConfigMapping(prefix = "cohesion.metrics")
public interface MetricsConfig {

    Defaults defaults();

    Health health();

    /**
     * How often the raw-activity retention runs (a duration, or {@code off}); read by {@code ActivityRetention}'s
     * schedule.
     */
    @WithDefault("1h")
    String retentionInterval();

    /**
     * How long an activity that named nobody (a partner's identifier or e-mail no member is linked to yet) waits for
     * a link before it is dropped (docs/partners.md#members-by-your-own-identifiers).
     */
    @WithDefault("30d")
    Duration unmatchedWindow();

    /** How often {@code LateMatches} looks for waiting activities that a link names already (a Quarkus duration). */
    @WithDefault("1m")
    String lateMatchInterval();

    interface Defaults {
        /** Half-life H of participation, in days. */
        @WithDefault("30")
        double halfLifeDays();

        /** Participation P an active, regular member needs to count as CORE. */
        @WithDefault("10")
        double coreParticipation();

        /** Activity types and their weights (cohesion.metrics.defaults.weights.TYPE=weight, in application.properties). */
        Map<String, Double> weights();
    }

    interface Health {
        /** Soonest a network's health is recomputed after something changed. */
        @WithDefault("300ms")
        Duration minInterval();

        /**
         * Large networks wait longer between recomputations: this much per thousand members (a computation reads every
         * member). By size rather than by the last computation's duration, which a cold JVM or a busy machine inflates.
         */
        @WithDefault("100ms")
        Duration intervalPerThousandMembers();

        /** Every network is recomputed at least this often (the weekly series and time-driven segments move on). */
        @WithDefault("10m")
        Duration refresh();
    }
}
