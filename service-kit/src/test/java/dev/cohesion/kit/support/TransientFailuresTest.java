package dev.cohesion.kit.support;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failures a request meets while PostgreSQL stops or restarts are answered 503; faults in the request or code are not. */
class TransientFailuresTest {

    @Test
    void the_database_going_away_is_transient_however_the_client_says_it() {
        for (Throwable lost : new Throwable[]{
                ClosedConnectionException.INSTANCE,
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
                new PgException("the database system is starting up", "FATAL", "57P03", null),
                new PgException("connection failure", "FATAL", "08006", null),
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
                new NoStackTraceThrowable("Pending requests failed to be sent due to connection has been closed."),
                new VertxException("Timeout waiting for connection", true),
                new java.net.ConnectException("Connection refused")}) {
            assertTrue(TransientFailures.isTransient(lost), lost.toString());
            assertTrue(TransientFailures.isTransient(new CompletionException(new HibernateException("wrapped", lost))), "wrapped " + lost);
        }
    }

    @Test
    void a_fault_in_the_request_or_the_code_is_not() {
        for (Throwable fault : new Throwable[]{
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null),
                new PgException("syntax error", "ERROR", "42601", null),
                new IllegalStateException("a bug"),
                new NullPointerException()}) {
            assertFalse(TransientFailures.isTransient(fault), fault.toString());
        }
    }
}
