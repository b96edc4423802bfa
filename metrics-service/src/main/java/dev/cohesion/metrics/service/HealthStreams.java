package dev.cohesion.metrics.service;

import dev.cohesion.kit.support.PgListener;
import dev.cohesion.metrics.domain.NetworkHealth;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live health streams of this instance, fed by every instance's computations: each stored computation sends
 * {@code NOTIFY health_computed, '<networkId>'} ({@link HealthService}), delivered at commit to every instance's
 * {@link PgListener}; this instance then pushes the stored health to its streams of that network, the newest only,
 * and again to all of them after its listening connection came back (notifications sent meanwhile were missed).
 */
@ApplicationScoped
public class HealthStreams {

    /** The PostgreSQL channel a stored computation notifies, with the network id. */
    static final String CHANNEL = "health_computed";
    private static final Logger LOG = Logger.getLogger(HealthStreams.class);

    private final HealthService health;
    private final Vertx vertx;
    private final PgConnectOptions database;
    private final Map<UUID, BroadcastProcessor<NetworkHealth>> streams = new ConcurrentHashMap<>();
    /** The computation each network's streams last received: two reads racing cannot send an older one after it. */
    private final Map<UUID, Instant> pushed = new ConcurrentHashMap<>();
    private volatile PgListener listener;

    HealthStreams(HealthService health, Vertx vertx,
                  @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") String user,
                  @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.health = health;
        this.vertx = vertx;
        this.database = PgListener.options(url, user, password);
    }

    void start(@Observes StartupEvent event) {
        listener = PgListener.start(io.vertx.mutiny.core.Vertx.newInstance(vertx), database, CHANNEL, new PgListener.Handler() {
            @Override
            public void connected(PgConnection connection) {
                streams.keySet().forEach(HealthStreams.this::push);
            }

            @Override
            public void notified(String networkId) {
                push(UUID.fromString(networkId));
            }

            @Override
            public void lost() {
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.stop();
        }
    }

    /** The current health (computed now if it never was), then every new computation, for as long as the client listens. */
    public Multi<NetworkHealth> open(UUID networkId) {
        BroadcastProcessor<NetworkHealth> live = streams.computeIfAbsent(networkId, id -> BroadcastProcessor.create());
        Multi<NetworkHealth> first = health.currentOrCompute(networkId).toMulti();
        return Multi.createBy().concatenating().streams(first, live);
    }

    /** Sends the network's stored health to this instance's streams of it, if it has any. */
    private void push(UUID networkId) {
        BroadcastProcessor<NetworkHealth> live = streams.get(networkId);
        if (live == null) {
            return;
        }
        health.current(networkId).subscribe().with(h -> {
            if (h == null) {
                return;
            }
            synchronized (live) {
                Instant last = pushed.get(networkId);
                if (last == null || h.computedAt().isAfter(last)) {
                    pushed.put(networkId, h.computedAt());
                    live.onNext(h);
                }
            }
        }, e -> LOG.debugf("health of network %s not pushed: %s", networkId, e.getMessage()));
    }
}
