package dev.cohesion.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "cohesion.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay at all (one instance at a time publishes, whatever this says). */
    @WithDefault("true")
    boolean enabled();

    /** Rows read and published per round trip to Kafka. */
    @WithDefault("500")
    int batchSize();

    /** Safety-net poll for pending rows; the relay is normally woken by PostgreSQL NOTIFY at commit. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a standby instance waits before it tries again to become the publishing one (one cheap query). */
    @WithDefault("1s")
    Duration leaderRetry();

    /** How long published rows are kept before they are deleted. */
    @WithDefault("10m")
    Duration retention();

    /** How often published rows older than the retention are deleted. */
    @WithDefault("1m")
    Duration cleanupInterval();

    /** Readiness goes DOWN when pending events could not be published for this long. */
    @WithDefault("30s")
    Duration unreachableAfter();
}
