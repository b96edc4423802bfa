package dev.cohesion.members.service;

import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.members.config.WebhooksConfig;
import dev.cohesion.members.domain.WebhookRetries;
import dev.cohesion.members.domain.WebhookSignature;
import dev.cohesion.members.repository.WebhookDeliveryRepository;
import dev.cohesion.members.repository.WebhookDeliveryRepository.Attempt;
import dev.cohesion.members.repository.WebhookDeliveryRepository.Claimed;
import dev.cohesion.members.repository.WebhookDeliveryRepository.Status;
import dev.cohesion.members.repository.WebhookSubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the queued webhook deliveries (docs/partners.md): the oldest pending delivery of each active subscription,
 * signed as Standard Webhooks has it (during a rotation's overlap with both secrets), to a target that must still
 * resolve to public addresses. A 2xx answer delivers it; anything else is retried on the back-off schedule, and
 * after the last retry the delivery failed and its subscription is disabled (event {@code webhook-disabled}).
 * Several instances share the queue through row locks; a crash mid-attempt leaves the delivery leased until the
 * lease runs out, and it is sent again.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 500;

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptionRows;
    private final WebhookSubscriptions subscriptions;
    private final WebhookTargets targets;
    private final Clock clock;
    private final Vertx vertx;
    private final WebhooksConfig config;
    private final WebhookRetries retries;
    private final HttpClient http;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptionRows,
                      WebhookSubscriptions subscriptions, WebhookTargets targets, Clock clock, Vertx vertx, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.subscriptionRows = subscriptionRows;
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config;
        this.retries = new WebhookRetries(config.retrySchedule(), () -> ThreadLocalRandom.current().nextDouble());
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${cohesion.webhooks.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        wake();
    }

    /** The log keeps finished deliveries for cohesion.webhooks.log-retention; a plain delete, safe on every instance. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldDeliveries() {
        return deliveries.deleteFinishedBefore(clock.instant().minus(config.logRetention()))
                .invoke(n -> LOG.debugf("%d finished webhook deliveries past their retention deleted", n))
                .onFailure().invoke(e -> LOG.warnf("deleting old webhook deliveries failed, the next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Starts a round now unless one is running; a running round goes once more when it ends. */
    public void wake() {
        if (!busy.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        round().onTermination().invoke(() -> {
            busy.set(false);
            if (again.getAndSet(false)) {
                wake();
            }
        }).subscribe().with(n -> {
        }, e -> LOG.warnf("webhook round failed, the next one retries: %s", e.getMessage()));
    }

    /** Claims due deliveries and attempts them all at once, as long as full batches come. */
    private Uni<Integer> round() {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.timeout().multipliedBy(3));
        return deliveries.claim(now, leaseUntil, config.batch()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> attempts = new ArrayList<>();
            claimed.forEach(c -> attempts.add(attempt(c)));
            return Uni.join().all(attempts).andCollectFailures()
                    .onFailure().invoke(e -> LOG.warnf("recording webhook attempts failed: %s", e.getMessage()))
                    .onFailure().recoverWithNull()
                    .chain(() -> claimed.size() == config.batch() ? round() : Uni.createFrom().item(claimed.size()));
        });
    }

    private Uni<Void> attempt(Claimed c) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        return Uni.createFrom().item(() -> {
                    targets.requirePublic(URI.create(c.url()));
                    return c;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> Uni.createFrom().completionStage(() -> http.sendAsync(request(c, at), HttpResponse.BodyHandlers.discarding())))
                .map(response -> new Attempt(c.attempt(), at, response.statusCode(),
                        response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(), elapsed(started)))
                .onFailure().recoverWithItem(e -> new Attempt(c.attempt(), at, null, error(e), elapsed(started)))
                .chain(attempt -> SafeContext.run(vertx.getDelegate(), () -> Panache.withTransaction(() -> record(c, attempt))));
    }

    private HttpRequest request(Claimed c, Instant at) {
        List<String> secrets = new ArrayList<>(List.of(c.secret()));
        if (c.previousSecret() != null && c.previousSecretUntil() != null && at.isBefore(c.previousSecretUntil())) {
            secrets.add(c.previousSecret());
        }
        long timestamp = at.getEpochSecond();
        return HttpRequest.newBuilder(URI.create(c.url())).timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "Cohesion-Webhooks/1")
                .header("webhook-id", c.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, c.messageId(), timestamp, c.body()))
                .POST(HttpRequest.BodyPublishers.ofString(c.body())).build();
    }

    private Uni<Void> record(Claimed c, Attempt attempt) {
        if (attempt.statusCode() != null && attempt.statusCode() / 100 == 2) {
            return deliveries.record(c.id(), attempt, Status.DELIVERED, null);
        }
        Duration wait = retries.after(c.attempt()).orElse(null);
        if (wait != null) {
            LOG.debugf("webhook delivery %s attempt %d failed (%s), next in %s", c.id(), c.attempt(), attempt.error(), wait);
            return deliveries.record(c.id(), attempt, Status.PENDING, attempt.attemptedAt().plus(wait));
        }
        String reason = truncate("delivery " + c.id() + " failed " + c.attempt() + " times, last: " + attempt.error());
        LOG.warnf("webhook subscription %s disabled: %s", c.subscriptionId(), reason);
        return deliveries.record(c.id(), attempt, Status.FAILED, null)
                .chain(() -> subscriptionRows.findById(c.subscriptionId()))
                .chain(s -> subscriptions.disable(s, reason, attempt.attemptedAt()));
    }

    private static int elapsed(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private static String error(Throwable e) {
        return truncate(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
