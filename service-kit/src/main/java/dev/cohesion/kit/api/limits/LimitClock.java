package dev.cohesion.kit.api.limits;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** The time the rate limits count in: the services' clock, in a bean of its own so that a test can stop it. */
@ApplicationScoped
public class LimitClock {

    private final Clock clock;

    public LimitClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }
}
