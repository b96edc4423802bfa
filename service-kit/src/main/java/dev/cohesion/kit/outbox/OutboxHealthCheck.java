package dev.cohesion.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Readiness DOWN when pending events could not be published to Kafka for {@code cohesion.outbox.unreachable-after}. */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final Clock clock;

    OutboxHealthCheck(OutboxRelay relay, OutboxConfig config, Clock clock) {
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant stuckSince = relay.stuckSince();
        boolean stuck = stuckSince != null
                && Duration.between(stuckSince, clock.instant()).compareTo(config.unreachableAfter()) > 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox relay")
                .status(!stuck)
                .withData("publishing", relay.leader())
                .withData("backlog", relay.backlog());
        if (stuckSince != null) {
            response.withData("pendingSince", stuckSince.toString());
        }
        if (stuck && relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.build();
    }
}
