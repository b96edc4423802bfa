package dev.cohesion.kit.api.limits;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.api.security.Caller;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live streams (server-sent events) within bounds: at most {@link LimitsConfig#streamsPerCaller()} open per
 * caller and {@link LimitsConfig#streamsPerNetwork()} per network on this instance (beyond: 429 problem+json);
 * a stream ends when its caller's token expires, and after {@link LimitsConfig#streamIdle()} without an item.
 * Counts are exact and hold only open streams, so they stay as small as the number of connections.
 */
@ApplicationScoped
public class StreamLimits {

    private final LimitsConfig config;
    private final LimitClock clock;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    StreamLimits(LimitsConfig config, LimitClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Opens the caller's stream, or refuses with 429 when the caller or the network holds too many. */
    public <T> Multi<T> open(Caller caller, UUID networkId, Multi<T> stream) {
        String callerKey = RateLimiter.caller(caller.issuer(), caller.subject());
        String networkKey = "network:" + networkId;
        if (!reserve(callerKey, config.streamsPerCaller())) {
            throw new ProblemException(ProblemType.RATE_LIMITED, "You already hold " + config.streamsPerCaller()
                    + " live streams open; close one before opening another.");
        }
        if (!reserve(networkKey, config.streamsPerNetwork())) {
            release(callerKey);
            throw new ProblemException(ProblemType.RATE_LIMITED, "This network's members hold " + config.streamsPerNetwork()
                    + " live streams open on this instance; retry in a minute.");
        }
        Duration untilExpiry = Duration.between(clock.now(), caller.expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            untilExpiry = Duration.ofMillis(1);
        }
        return stream.ifNoItem().after(config.streamIdle()).recoverWithCompletion()
                .select().first(untilExpiry)
                .onTermination().invoke(() -> {
                    release(callerKey);
                    release(networkKey);
                });
    }

    /** Streams open now under the key (a caller's or a network's), for tests. */
    int open(String key) {
        return open.getOrDefault(key, 0);
    }

    private boolean reserve(String key, int max) {
        boolean[] granted = {false};
        open.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    private void release(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
