package dev.cohesion.kit.api.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter that cannot be read as its type ({@code limit=abc}, {@code acknowledged=maybe}): 400 naming
 * the parameter. A {@link BadRequestException}, so that Quarkus REST passes it to its mapper as it is instead of
 * wrapping it in the 404 that JAX-RS prescribes for unreadable query parameters.
 */
public class InvalidParameterException extends BadRequestException {

    private final String name;
    private final String reason;

    public InvalidParameterException(String name, String reason) {
        super(name + ": " + reason);
        this.name = name;
        this.reason = reason;
    }

    public String name() {
        return name;
    }

    public String reason() {
        return reason;
    }
}
