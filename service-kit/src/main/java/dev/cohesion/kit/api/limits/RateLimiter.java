package dev.cohesion.kit.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Each client's allowance of requests: a token bucket (Bucket4j) per client, in a bounded cache (Caffeine) that
 * forgets clients idle for ten minutes (their bucket would be full again by then) and, beyond
 * {@link LimitsConfig#trackedClients()}, the least recently seen. A client is a verified caller or, for calls
 * without a valid token, a client address: never the unverified text of a header. The allowance lives in this
 * instance's memory (docs/api-conventions.md says why that is enough).
 */
@ApplicationScoped
public class RateLimiter {

    private final LimitsConfig config;
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    RateLimiter(LimitsConfig config, LimitClock clock) {
        this.config = config;
        this.buckets = Caffeine.newBuilder().maximumSize(config.trackedClients()).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.now();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** The key of a verified caller. */
    public static String caller(String issuer, String subject) {
        return "caller:" + issuer + "|" + subject;
    }

    /** The key of a client without a valid token. */
    public static String address(String address) {
        return "address:" + address;
    }

    /** Takes one request from the client's allowance. */
    public Outcome take(String client) {
        ConsumptionProbe probe = buckets.get(client, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(limit -> limit.capacity(config.burst()).refillGreedy(config.requestsPerSecond(), Duration.ofSeconds(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long reset = probe.isConsumed()
                ? (long) Math.ceil((config.burst() - remaining) / (double) config.requestsPerSecond())
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Outcome(probe.isConsumed(), config.requestsPerSecond(), remaining, reset);
    }

    /** Clients tracked now (for tests and metrics). */
    public long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** Whether the request may go on, and the RateLimit headers every answer carries. */
    public record Outcome(boolean allowed, long limit, long remaining, long resetSeconds) {

        public void headers(BiConsumer<String, String> put) {
            put.accept("RateLimit-Limit", Long.toString(limit));
            put.accept("RateLimit-Remaining", Long.toString(remaining));
            put.accept("RateLimit-Reset", Long.toString(resetSeconds));
        }

        public String detail() {
            return "Slow down: at most " + limit + " requests per second; retry after " + resetSeconds + " s.";
        }
    }
}
