package dev.cohesion.kit.api.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cohesion.limits")
public interface LimitsConfig {

    /** Requests per second each client (bearer token, else IP address) may sustain. */
    @WithDefault("100")
    int requestsPerSecond();

    /** Requests a client may make in a burst above the sustained rate. */
    @WithDefault("200")
    int burst();

    /** Largest request body accepted, in bytes (also quarkus.http.limits.max-body-size). */
    @WithDefault("1048576")
    long maxBodyBytes();
}
