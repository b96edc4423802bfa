package dev.cohesion.kit.support;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures worth retrying: the database or the network is away for a while, or a transaction lost a race
 * (serialization failure, deadlock). Anything else is a fault in the request or the code.
 */
public final class TransientFailures {

    /** SQLSTATEs: serialization failure, deadlock, admin shutdown, crash shutdown, cannot connect now, too many connections. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    /**
     * What the Vert.x SQL client and its pool say, as plain VertxException or NoStackTraceThrowable, when the server
     * went away between taking a connection and using it, or while a request waited for one.
     */
    private static final List<String> LOST_CONNECTION = List.of("Connection refused", "Pool closed",
            "Timeout in getting a connection", "Timeout waiting for connection", "Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed");

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
            if (LOST_CONNECTION.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }
}
