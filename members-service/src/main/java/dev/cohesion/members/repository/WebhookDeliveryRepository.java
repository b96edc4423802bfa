package dev.cohesion.members.repository;

import dev.cohesion.kit.support.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The webhook delivery queue and its log (table webhook_delivery, webhook_attempt). Each subscription's deliveries
 * go out one at a time in {@code seq} order; a claimed delivery is leased until its attempt's outcome is recorded
 * (or the lease runs out after a crash, and the next claim sends it again: at least once).
 */
@ApplicationScoped
public class WebhookDeliveryRepository {

    public enum Status { PENDING, DELIVERED, FAILED }

    /** A delivery to queue: the event it carries and the exact body to send. */
    public record NewDelivery(UUID id, UUID subscriptionId, UUID eventId, String eventType, Instant occurredAt, String body) {
    }

    /** A delivery claimed for an attempt, with what signing and sending it needs. */
    public record Claimed(UUID id, UUID subscriptionId, UUID networkId, UUID partnerId, String messageId, String body,
                          int attempt, String url, String secret, String previousSecret, Instant previousSecretUntil) {
    }

    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, int latencyMs) {
    }

    public record Delivery(UUID id, long seq, UUID subscriptionId, String messageId, UUID eventId, String eventType,
                           Instant occurredAt, String status, int attempts, Instant nextAttemptAt, UUID replayOf,
                           Instant createdAt, Instant finishedAt, List<Attempt> log) {
    }

    private static final String CLAIM = """
            with due as (
                select d.id from webhook_delivery d
                join webhook_subscription s on s.id = d.subscription_id and s.status = 'ACTIVE'
                join partner p on p.id = s.partner_id and p.revoked_at is null
                where d.status = 'PENDING' and d.next_attempt_at <= $1
                  and d.seq = (select min(h.seq) from webhook_delivery h where h.subscription_id = d.subscription_id and h.status = 'PENDING')
                order by d.next_attempt_at
                limit $3
                for update of d skip locked)
            update webhook_delivery d set next_attempt_at = $2, attempts = d.attempts + 1
            from due, webhook_subscription s
            where d.id = due.id and s.id = d.subscription_id
            returning d.id, d.subscription_id, s.network_id, s.partner_id, d.message_id, d.body, d.attempts, s.url, s.secret,
                      s.previous_secret, s.previous_secret_until""";

    private static final String DELIVERIES = """
            select id, seq, subscription_id, message_id, event_id, event_type, occurred_at, status, attempts, next_attempt_at,
                   replay_of, created_at, finished_at
            from webhook_delivery
            where subscription_id = $1 and seq > $2 and ($3::text is null or status = $3)
              and ($4::timestamptz is null or occurred_at >= $4) and ($5::timestamptz is null or occurred_at < $5)
            order by seq limit $6""";

    private final Pool pool;

    WebhookDeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Queues the deliveries in the caller's transaction; one the feed queued before is not queued again. */
    public Uni<Void> enqueue(List<NewDelivery> deliveries, Instant now) {
        return InOrder.each(deliveries, d -> Panache.getSession().chain(s -> s.createNativeQuery("""
                            insert into webhook_delivery (id, subscription_id, message_id, event_id, event_type, occurred_at, body,
                                                          status, next_attempt_at, created_at)
                            values (:id, :subscription, :message, :event, :type, :occurred, :body, 'PENDING', :now, :now)
                            on conflict do nothing""")
                    .setParameter("id", d.id()).setParameter("subscription", d.subscriptionId())
                    .setParameter("message", messageId(d.eventId())).setParameter("event", d.eventId())
                    .setParameter("type", d.eventType()).setParameter("occurred", d.occurredAt()).setParameter("body", d.body())
                    .setParameter("now", now).executeUpdate()));
    }

    /** The Standard Webhooks message id of an event: the same for every attempt and every replay. */
    public static String messageId(UUID eventId) {
        return "msg_" + eventId;
    }

    /** Claims up to {@code limit} due deliveries, the oldest pending one of each subscription, leased until {@code leaseUntil}. */
    public Uni<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(offset(now), offset(leaseUntil), limit)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row r : rows) {
                claimed.add(new Claimed(r.getUUID("id"), r.getUUID("subscription_id"), r.getUUID("network_id"),
                        r.getUUID("partner_id"), r.getString("message_id"), r.getString("body"), r.getInteger("attempts"),
                        r.getString("url"), r.getString("secret"), r.getString("previous_secret"),
                        instant(r.getOffsetDateTime("previous_secret_until"))));
            }
            return claimed;
        });
    }

    /** Records an attempt and the delivery's new state, in the caller's transaction. */
    public Uni<Void> record(UUID deliveryId, Attempt attempt, Status status, Instant nextAttemptAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, latency_ms)
                        values (:id, :attempt, :at, :code, :error, :latency) on conflict do nothing""")
                        .setParameter("id", deliveryId).setParameter("attempt", attempt.attempt())
                        .setParameter("at", attempt.attemptedAt()).setParameter("code", attempt.statusCode())
                        .setParameter("error", attempt.error()).setParameter("latency", attempt.latencyMs()).executeUpdate()
                .chain(() -> s.createNativeQuery("""
                                update webhook_delivery set status = :status, next_attempt_at = coalesce(:next, next_attempt_at),
                                    finished_at = case when :status = 'PENDING' then null else cast(:at as timestamptz) end
                                where id = :id and attempts = :attempt""")
                        .setParameter("status", status.name()).setParameter("next", nextAttemptAt)
                        .setParameter("at", attempt.attemptedAt()).setParameter("id", deliveryId)
                        .setParameter("attempt", attempt.attempt()).executeUpdate()))
                .replaceWithVoid();
    }

    /** The subscription's deliveries after {@code afterSeq} in delivery order, each with its attempts. */
    public Uni<List<Delivery>> log(UUID subscriptionId, long afterSeq, String status, Instant from, Instant to, int limit) {
        return pool.preparedQuery(DELIVERIES)
                .execute(Tuple.from(java.util.Arrays.asList(subscriptionId, afterSeq, status, offset(from), offset(to), limit)))
                .chain(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    UUID[] ids = found.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
                    return pool.preparedQuery("select delivery_id, attempt, attempted_at, status_code, error, latency_ms "
                                    + "from webhook_attempt where delivery_id = any($1) order by delivery_id, attempt")
                            .execute(Tuple.of(ids)).map(attempts -> {
                                Map<UUID, List<Attempt>> byDelivery = new HashMap<>();
                                for (Row a : attempts) {
                                    byDelivery.computeIfAbsent(a.getUUID("delivery_id"), k -> new ArrayList<>())
                                            .add(new Attempt(a.getInteger("attempt"), instant(a.getOffsetDateTime("attempted_at")),
                                                    a.getInteger("status_code"), a.getString("error"), a.getInteger("latency_ms")));
                                }
                                return found.stream().map(r -> delivery(r, byDelivery.getOrDefault(r.getUUID("id"), List.of()))).toList();
                            });
                });
    }

    /**
     * Queues copies of the subscription's deliveries (one by id, or the original deliveries of the events that
     * occurred in [from, to)) at the end of its queue, with their message ids; returns how many.
     */
    public Uni<Integer> replay(UUID subscriptionId, UUID deliveryId, Instant from, Instant to, Instant now, int max) {
        // through the session, not the pool: in the caller's transaction, with the audit log's entry
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into webhook_delivery (id, subscription_id, message_id, event_id, event_type, occurred_at, body,
                                                      status, next_attempt_at, replay, replay_of, created_at)
                        select gen_random_uuid(), subscription_id, message_id, event_id, event_type, occurred_at, body, 'PENDING', :now, true, id, :now
                        from (select * from webhook_delivery
                              where subscription_id = :subscription
                                and (id = cast(:delivery as uuid) or cast(:delivery as uuid) is null and not replay
                                     and occurred_at >= cast(:from as timestamptz) and occurred_at < cast(:to as timestamptz))
                              order by seq limit :max) originals
                        order by seq""")
                .setParameter("now", now).setParameter("subscription", subscriptionId).setParameter("delivery", deliveryId)
                .setParameter("from", from).setParameter("to", to).setParameter("max", max)
                .executeUpdate());
    }

    /** Deletes deliveries that finished before {@code before} (their attempts go with them); returns how many. */
    public Uni<Integer> deleteFinishedBefore(Instant before) {
        return pool.preparedQuery("delete from webhook_delivery where finished_at < $1")
                .execute(Tuple.of(offset(before))).map(rows -> rows.rowCount());
    }

    private static Delivery delivery(Row r, List<Attempt> attempts) {
        return new Delivery(r.getUUID("id"), r.getLong("seq"), r.getUUID("subscription_id"), r.getString("message_id"),
                r.getUUID("event_id"), r.getString("event_type"), instant(r.getOffsetDateTime("occurred_at")), r.getString("status"),
                r.getInteger("attempts"), instant(r.getOffsetDateTime("next_attempt_at")), r.getUUID("replay_of"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("finished_at")), attempts);
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
