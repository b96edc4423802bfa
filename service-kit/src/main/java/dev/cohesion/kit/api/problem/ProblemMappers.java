package dev.cohesion.kit.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cohesion.kit.support.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every 4xx and 5xx of every service as {@code application/problem+json}: the application's refusals, the
 * framework's own errors (unknown path, wrong method or media type, unreadable JSON, validation), security,
 * optimistic-lock and unique-key conflicts, and the database being away. Never a stack trace, a Java class
 * name or SQL: unexpected failures are logged with an id that the 500 body gives.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AllowedMethods allowedMethods;

    ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        ProblemType type = ProblemType.VALIDATION;
        return respond(new Problem(type.uri(), type.title(), 400, e.name() + ": " + e.reason(), path(uri),
                List.of(new Problem.FieldError(e.name(), e.reason())), null, null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri);
        }
        if ((status == 404 || status == 405) && e.getCause() == null) {
            Set<String> allowed = allowedMethods.at(request.path());
            if (!allowed.isEmpty() && !allowed.contains(request.method().name())) {
                ProblemType type = ProblemType.METHOD_NOT_ALLOWED;
                return builder(new Problem(type.uri(), type.title(), 405, "This resource accepts " + String.join(", ", allowed)
                        + "; see the Allow header.", path(uri), null, null, null))
                        .header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
            }
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "There is nothing at " + path(uri) + ".";
            case 405 -> "This resource does not accept that method; see the Allow header.";
            case 406 -> "This resource answers in application/json.";
            case 415 -> "Send the body as application/json.";
            case 413 -> "The request body is larger than this service accepts.";
            default -> status >= 500 ? "Something went wrong on our side." : "The request cannot be processed.";
        };
        Response.ResponseBuilder response = builder(new Problem(type.uri(), type.title(), status, detail, path(uri),
                null, null, null));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    /** Named one by one: Quarkus' own mappers for the more specific Jackson types would win over a supertype. */
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            JsonMappingException.class, com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class,
            com.fasterxml.jackson.databind.exc.ValueInstantiationException.class,
            com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class,
            com.fasterxml.jackson.databind.exc.InvalidNullException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? fieldPath(m.getPath()) : null;
        String message;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == String.class) {
            message = f.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            message = "is not a valid " + friendly(f.getTargetType());
        } else if (e instanceof JsonMappingException && field != null && !field.isEmpty()) {
            message = "has the wrong type or is missing";
        } else {
            message = "the body is not valid JSON";
        }
        ProblemType type = ProblemType.MALFORMED_REQUEST;
        List<Problem.FieldError> errors = field == null || field.isEmpty() ? null : List.of(new Problem.FieldError(field, message));
        String detail = errors == null ? "The request body cannot be read: " + message + "."
                : "The request body cannot be read: " + field + " " + message + ".";
        return respond(new Problem(type.uri(), type.title(), 400, detail, path(uri), errors, null, null));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        ProblemType type = ProblemType.VALIDATION;
        return respond(new Problem(type.uri(), type.title(), 400, detail, path(uri), errors, null, null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        ProblemType type = ProblemType.UNAUTHENTICATED;
        return builder(new Problem(type.uri(), type.title(), 401,
                "Send a valid, unexpired bearer token in the Authorization header.", path(uri), null, null, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        ProblemType type = ProblemType.FORBIDDEN;
        return respond(new Problem(type.uri(), type.title(), 403, "Your role does not allow this operation.",
                path(uri), null, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof java.util.concurrent.CompletionException || cause.getClass().getName().startsWith("org.hibernate"))) {
            if (cause instanceof ProblemException p) {
                return problem(p, uri);
            }
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) {
            return problem(p, uri);
        }
        if (isOptimisticLock(e)) {
            ProblemType type = ProblemType.PRECONDITION_FAILED;
            return respond(new Problem(type.uri(), type.title(), 412,
                    "Someone changed this resource at the same time; read it again and retry.", path(uri), null, null, null));
        }
        if (isUniqueViolation(e)) {
            ProblemType type = ProblemType.CONFLICT;
            return respond(new Problem(type.uri(), type.title(), 409,
                    "A resource with the same unique values already exists.", path(uri), null, null, null));
        }
        if (TransientFailures.isTransient(e)) {
            ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
            return builder(new Problem(type.uri(), type.title(), 503,
                    "The service cannot reach its database right now; retry in a few seconds.", path(uri), null, null, null))
                    .header("Retry-After", "5").build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", id, path(uri));
        ProblemType type = ProblemType.INTERNAL;
        return respond(new Problem(type.uri(), type.title(), 500,
                "Something went wrong on our side (error id " + id + ").", path(uri), null, null, null));
    }

    /**
     * Every 503 and 429 says when to come back: whatever was away (database, broker) is usually back within
     * seconds; a limit that is not a rate (too many open streams) frees up within a minute.
     */
    public static Response respond(Problem problem) {
        Response.ResponseBuilder response = builder(problem);
        if (problem.status() == 503) {
            response.header("Retry-After", "5");
        } else if (problem.status() == 429) {
            response.header("Retry-After", "60");
        }
        return response.build();
    }

    private static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString().replaceAll("\\.?<(list|iterable|map|map key|map value) element>|\\.?<map (key|value)>", "");
        String[] parts = path.split("\\.", 3);
        // method.parameter.field... -> field...; method.parameter -> parameter
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String friendly(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "Instant", "OffsetDateTime" -> "ISO-8601 instant (e.g. 2026-01-31T09:30:00Z)";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Double", "double", "BigDecimal" -> "number";
            case "Boolean", "boolean" -> "boolean";
            default -> "value";
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
