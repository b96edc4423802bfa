package dev.cohesion.kit.support;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures worth retrying: the database or the network is away for a while, or a transaction lost a race
 * (serialization failure, deadlock). Anything else is a fault in the request or the code.
 */
public final class TransientFailures {

    /** SQLSTATEs: serialization failure, deadlock, admin shutdown, crash shutdown, cannot connect now, too many connections. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof ClosedConnectionException || t instanceof TimeoutException
                    || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || TRANSIENT_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Connection refused") || message.contains("Pool closed")
                    || message.contains("Timeout in getting a connection")) {
                return true;
            }
        }
        return false;
    }
}
