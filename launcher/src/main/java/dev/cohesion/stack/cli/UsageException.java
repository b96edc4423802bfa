package dev.cohesion.stack.cli;

/** A command line the user can fix; printed without a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
