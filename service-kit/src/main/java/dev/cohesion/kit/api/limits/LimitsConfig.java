package dev.cohesion.kit.api.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "cohesion.limits")
public interface LimitsConfig {

    /** Requests per second each client (the verified caller, else the client address) may sustain. */
    @WithDefault("100")
    int requestsPerSecond();

    /** Requests a client may make in a burst above the sustained rate. */
    @WithDefault("200")
    int burst();

    /** Clients whose allowance is tracked at once; the least recently seen are forgotten beyond it. */
    @WithDefault("100000")
    int trackedClients();

    /** Largest request body accepted, in bytes (also quarkus.http.limits.max-body-size). */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Live streams (server-sent events) one caller may hold open at once. */
    @WithDefault("5")
    int streamsPerCaller();

    /** Live streams one network's callers may hold open at once, on this instance. */
    @WithDefault("500")
    int streamsPerNetwork();

    /** A live stream that sent nothing for this long is closed (the client reconnects when it wants more). */
    @WithDefault("10m")
    Duration streamIdle();

    /**
     * Exports streaming at once on this instance, each holding a database connection (beyond: 429 problem+json):
     * a few, so that exports never take the pool from the API.
     */
    @WithDefault("4")
    int exportsAtOnce();

    /** An export whose client reads nothing for this long is ended, and its database connection freed. */
    @WithDefault("60s")
    Duration exportIdle();
}
