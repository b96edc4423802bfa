package dev.cohesion.kit.api.problem;

import java.net.URI;

/**
 * The stable problem types of all three services (RFC 9457). Documented in docs/api-conventions.md; a client
 * may branch on {@link #uri()}, never on the detail text.
 */
public enum ProblemType {
    VALIDATION(400, "validation", "The request has invalid fields"),
    MALFORMED_REQUEST(400, "malformed-request", "The request body or parameters cannot be read"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "Your role does not allow this operation"),
    RULE_VIOLATION_FORBIDDEN(403, "rule-violation", "A rule of the network forbids this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "This method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    INVALID_STATE_TRANSITION(409, "invalid-state-transition", "Not allowed in the resource's current state"),
    RULE_VIOLATION(409, "rule-violation", "A rule of the network forbids this"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource changed since you read it"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request line is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "This Idempotency-Key was used with another request"),
    PRECONDITION_REQUIRED(428, "precondition-required", "This update needs an If-Match header"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL(500, "internal", "Something went wrong on our side"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "The service is temporarily unavailable");

    public static final String BASE = "https://cohesion.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The generic type for a bare HTTP status. */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
