package dev.cohesion.kit.api.problem;

import java.util.List;

/** A refusal the client can act on, turned into problem+json by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final String rule;
    private final String currentState;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, null, null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, String rule,
                             String currentState) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.rule = rule;
        this.currentState = currentState;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist in this network");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null, null);
    }

    /** A state-machine transition that the diagram does not allow from the current state: 409. */
    public static ProblemException invalidTransition(String what, Enum<?> current, String detail) {
        return new ProblemException(ProblemType.INVALID_STATE_TRANSITION, what + " is " + current + ": " + detail,
                null, null, current.name());
    }

    /** A named rule refuses the operation: 409 when the state forbids it, 403 when the caller may not. */
    public static ProblemException rule(String rule, String detail, boolean forbidden) {
        return new ProblemException(forbidden ? ProblemType.RULE_VIOLATION_FORBIDDEN : ProblemType.RULE_VIOLATION,
                detail, null, rule, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem(String instance) {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), instance, errors, rule, currentState);
    }
}
