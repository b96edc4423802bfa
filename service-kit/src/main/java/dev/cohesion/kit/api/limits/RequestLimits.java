package dev.cohesion.kit.api.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.kit.api.problem.Problem;
import dev.cohesion.kit.api.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before any other work on an API request, refuses as problem+json what the framework would refuse with an empty
 * body, or not at all: a browser origin that is not allowed (403), a request line over {@link #MAX_REQUEST_LINE}
 * characters (414), headers over {@link #MAX_HEADER_BYTES} (431), parameters with a NUL character (400), a body
 * above the limit, whether its Content-Length says so or its chunks add up to it (413), and calls without a token
 * above their client address's rate (429 with Retry-After). Calls with a token are counted against the verified
 * caller by the AccessFilter, once the token's signature is checked.
 * <p>
 * Vert.x's own limits are set above these (quarkus.http.limits.*), so that these answer first; a request beyond
 * even those still gets Vert.x's bare answer, which Quarkus offers no way to shape (docs/api-conventions.md).
 */
@ApplicationScoped
public class RequestLimits {

    /** The longest request line ("METHOD target HTTP/1.1") answered; Vert.x's own limit is 16384. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** The most header bytes answered; Vert.x's own limit is 64 KiB. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final LimitsConfig config;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final List<String> origins;
    private final BodyHandler bodies;

    RequestLimits(LimitsConfig config, RateLimiter limiter, ObjectMapper json,
                  @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.config = config;
        this.limiter = limiter;
        this.json = json;
        this.origins = origins.orElse(List.of());
        this.bodies = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check).failureHandler(this::bodyTooLarge);
        // Reads bodies before Quarkus REST does, so that one too large while it streams in fails the route (413
        // below) instead of ending the response bare. quarkus.rest.input-buffer-size must be at least the limit.
        router.route().order(-999).handler(rc -> {
            if (WITH_BODY.contains(rc.request().method()) && !rc.normalizedPath().startsWith("/q/")) {
                bodies.handle(rc);
            } else {
                rc.next();
            }
        });
    }

    /** The client's address (the forwarded one when Quarkus is told to trust a proxy's headers). */
    public static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origins.contains(origin) && !sameOrigin(request, origin)) {
            rc.response().putHeader(HttpHeaders.VARY, "Origin");
            refuse(rc, ProblemType.FORBIDDEN, "Browsers on " + origin + " may not call this API; ask for the origin to be allowed.",
                    null, null);
            return;
        }
        if (request.method().name().length() + request.uri().length() + 10 > MAX_REQUEST_LINE) {
            refuse(rc, ProblemType.URI_TOO_LONG, "The request line is longer than " + MAX_REQUEST_LINE + " characters.", null, null);
            return;
        }
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(rc, ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.", null, null);
            return;
        }
        if (rc.normalizedPath().startsWith("/q/")) {
            rc.next();
            return;
        }
        String nul = parameterWithNul(rc);
        if (nul != null) {
            refuse(rc, ProblemType.VALIDATION, nul + ": must not contain the NUL character (U+0000)",
                    List.of(new Problem.FieldError(nul, "must not contain the NUL character (U+0000)")), null);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > config.maxBodyBytes()) {
            refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The body has " + length + " bytes; this service accepts up to "
                    + config.maxBodyBytes() + ".", null, null);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            RateLimiter.Outcome outcome = limiter.take(RateLimiter.address(address(request)));
            outcome.headers(rc.response()::putHeader);
            if (!outcome.allowed()) {
                refuse(rc, ProblemType.RATE_LIMITED, outcome.detail(), null, Long.toString(outcome.resetSeconds()));
                return;
            }
        }
        rc.next();
    }

    /** A body that grew past the limit while it streamed in (BodyHandler fails the route with 413). */
    private void bodyTooLarge(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than the " + config.maxBodyBytes()
                    + " bytes this service accepts.", null, null);
        } else {
            rc.next();
        }
    }

    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        return origin.equalsIgnoreCase(request.scheme() + "://" + request.authority());
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            bytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return bytes;
    }

    /** The name of the first query parameter (or "path") whose decoded value holds a NUL character, or null. */
    private static String parameterWithNul(RoutingContext rc) {
        String uri = rc.request().uri();
        if (!uri.contains("%00") && uri.indexOf('\0') < 0) {
            return null;
        }
        for (var entry : rc.queryParams()) {
            if (entry.getValue().indexOf('\0') >= 0 || entry.getKey().indexOf('\0') >= 0) {
                return entry.getKey().replace("\0", "");
            }
        }
        return "path";
    }

    private void refuse(RoutingContext rc, ProblemType type, String detail, List<Problem.FieldError> errors, String retryAfter) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, rc.normalizedPath(), errors, null, null);
        try {
            var response = rc.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (retryAfter != null) {
                response.putHeader("Retry-After", retryAfter);
            }
            if (type.status() == 413 || type.status() == 414 || type.status() == 431) {
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
}
