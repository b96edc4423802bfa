package dev.cohesion.kit.support;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel, outside the pool, and reconnects with back-off
 * when it is lost. NOTIFY is delivered only when the notifying transaction commits, to every listening instance.
 * {@link #connection()} lends the connection for session-level statements (the outbox relay's advisory lock);
 * whatever such a statement holds ends with the connection.
 */
public final class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** What the owner does with the connection's life and its notifications. */
    public interface Handler {
        /** The connection is (again) listening: notifications may have been missed while it was not. */
        void connected(PgConnection connection);

        void notified(String payload);

        void lost();

        default void failed(Throwable failure) {
        }
    }

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Handler handler;
    private volatile PgConnection connection;
    private volatile boolean stopped;

    private PgListener(Vertx vertx, PgConnectOptions options, String channel, Handler handler) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.handler = handler;
    }

    /** Connects now and keeps the connection listening on {@code channel} until {@link #stop()}. */
    public static PgListener start(Vertx vertx, PgConnectOptions options, String channel, Handler handler) {
        PgListener listener = new PgListener(vertx, options, channel, handler);
        listener.connect(Duration.ofMillis(200));
        return listener;
    }

    /** Connection options from the service's reactive datasource settings. */
    public static PgConnectOptions options(String reactiveUrl, String user, String password) {
        return PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", "")).setUser(user).setPassword(password);
    }

    /** The listening connection, or null while there is none. */
    public PgConnection connection() {
        return connection;
    }

    public void stop() {
        stopped = true;
        PgConnection c = connection;
        if (c != null) {
            c.closeAndForget();
        }
    }

    private void connect(Duration backoff) {
        if (stopped) {
            return;
        }
        PgConnection.connect(vertx, options)
                .chain(c -> c.query("LISTEN " + channel).execute().replaceWith(c))
                .subscribe().with(c -> {
                    connection = c;
                    c.notificationHandler(n -> handler.notified(n.getPayload()));
                    c.closeHandler(() -> {
                        connection = null;
                        handler.lost();
                        if (!stopped) {
                            LOG.warnf("lost the database connection listening on %s; reconnecting", channel);
                            connect(Duration.ofMillis(500));
                        }
                    });
                    handler.connected(c);
                }, failure -> {
                    handler.failed(failure);
                    Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) < 0 ? backoff.multipliedBy(2) : MAX_BACKOFF;
                    vertx.setTimer(backoff.toMillis(), id -> connect(next));
                });
    }
}
