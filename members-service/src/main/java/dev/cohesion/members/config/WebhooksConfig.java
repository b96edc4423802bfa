package dev.cohesion.members.config;

import dev.cohesion.members.domain.WebhookRetries;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Partners' webhooks (docs/partners.md): delivery pace, retries, rotation overlap, and where targets may point. */
@ConfigMapping(prefix = "cohesion.webhooks")
public interface WebhooksConfig {

    /**
     * Hosts, exactly as URLs name them, that targets may use with http and that may resolve to loopback, private or
     * link-local addresses: for development and tests only (COHESION_WEBHOOKS_LOCAL_TARGETS, e.g. localhost,127.0.0.1).
     * None by default.
     */
    Optional<List<String>> localTargets();

    /** The waits between attempts after each failure; after the last, the delivery failed and the subscription is disabled. */
    @WithDefault(WebhookRetries.DEFAULT_SCHEDULE)
    List<Duration> retrySchedule();

    /** How long the previous secret still signs after a rotation. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** How often the dispatcher looks for due deliveries when nothing woke it. */
    @WithDefault("1s")
    String dispatchInterval();

    /** How long a partner's endpoint has to answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Deliveries claimed per round (one per subscription at most). */
    @WithDefault("50")
    int batch();

    /** How long a delivered or failed delivery stays in the log (and can be replayed). */
    @WithDefault("30d")
    Duration logRetention();

    /** Deliveries one replay request may queue. */
    @WithDefault("10000")
    int maxReplay();
}
