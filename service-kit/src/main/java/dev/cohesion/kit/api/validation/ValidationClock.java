package dev.cohesion.kit.api.validation;

import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

import java.time.Clock;

/** Bean Validation reads "now" from the services' injected clock, so that tests that move the clock move it too. */
@Singleton
public class ValidationClock implements ClockProvider {

    private final Clock clock;

    ValidationClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock getClock() {
        return clock;
    }
}
