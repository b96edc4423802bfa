package dev.cohesion.kit.api.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.kit.api.problem.Problem;
import dev.cohesion.kit.api.problem.ProblemType;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Before any other work on a request: refuses bodies above the size limit (413) and clients above their rate
 * (429 with Retry-After), both as problem+json. A client is its bearer token, or its IP address without one.
 * Token buckets (Bucket4j) live in this instance's memory: the limit is per instance.
 */
@ApplicationScoped
public class RequestLimits {

    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final LimitsConfig config;
    private final ObjectMapper json;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    RequestLimits(LimitsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/q/")) {
            rc.next();
            return;
        }
        Client client = clients.computeIfAbsent(clientKey(rc), k -> new Client(bucket()));
        client.lastSeen = System.nanoTime();
        ConsumptionProbe probe = client.bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long reset = probe.isConsumed() ? (long) Math.ceil((config.burst() - remaining) / (double) config.requestsPerSecond())
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        rc.response().putHeader("RateLimit-Limit", Integer.toString(config.requestsPerSecond()))
                .putHeader("RateLimit-Remaining", Long.toString(remaining))
                .putHeader("RateLimit-Reset", Long.toString(reset));
        if (!probe.isConsumed()) {
            refuse(rc, ProblemType.RATE_LIMITED, "Slow down: at most " + config.requestsPerSecond()
                    + " requests per second; retry after " + reset + " s.", Long.toString(reset));
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > config.maxBodyBytes()) {
            refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The body has " + length + " bytes; this service accepts up to "
                    + config.maxBodyBytes() + ".", null);
            return;
        }
        if (clients.size() > 10_000) {
            long now = System.nanoTime();
            clients.values().removeIf(c -> now - c.lastSeen > IDLE_NANOS);
        }
        rc.next();
    }

    private Bucket bucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(config.burst())
                .refillGreedy(config.requestsPerSecond(), Duration.ofSeconds(1))).build();
    }

    private static String clientKey(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > 20) {
            int signature = authorization.lastIndexOf('.');
            return "t:" + (signature > 0 ? authorization.substring(signature + 1) : authorization);
        }
        return "ip:" + (rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress());
    }

    private void refuse(RoutingContext rc, ProblemType type, String detail, String retryAfter) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, rc.normalizedPath(), null, null, null);
        try {
            var response = rc.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (retryAfter != null) {
                response.putHeader("Retry-After", retryAfter);
            }
            if (type == ProblemType.PAYLOAD_TOO_LARGE) {
                response.putHeader(HttpHeaders.CONNECTION, "close");
            }
            response.end(json.writeValueAsString(problem));
        } catch (Exception e) {
            rc.fail(e);
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final class Client {
        final Bucket bucket;
        volatile long lastSeen;

        Client(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
