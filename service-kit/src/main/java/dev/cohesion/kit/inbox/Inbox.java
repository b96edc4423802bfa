package dev.cohesion.kit.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cohesion.events.EventCatalog;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventSchemas;
import dev.cohesion.events.EventType;
import dev.cohesion.events.TopicAccess;
import dev.cohesion.events.Topics;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.kit.support.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Consumes a batch of records at least once and applies each event exactly once:
 * <ul>
 * <li>each event id is recorded (table processed_event) in the same transaction as the handler's effect, so a
 * redelivered event changes nothing;</li>
 * <li>a record that can never be processed (not JSON, not a CloudEvent, payload against its schema, a type that
 * does not travel on that topic, a payload whose network is not the envelope's, or an event the handler rejects)
 * goes to {@code <topic>.dlq.<this service>} through the outbox with the reason, in the same transaction, and the
 * consumer carries on;</li>
 * <li>events of types this build does not know are skipped and counted (forward compatibility);</li>
 * <li>a tombstone (a null value) on a compacted topic erases its key: the handler forgets what it holds of it and
 * a tombstone for the same key goes to this service's dead-letter topic, so that no dead-lettered copy outlives
 * the erasure;</li>
 * <li>transient failures (database away) are retried with back-off, and the batch is not acknowledged, so its
 * offsets are not committed, until it is done.</li>
 * </ul>
 */
@ApplicationScoped
public class Inbox {

    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final String service;
    private volatile boolean stopping;
    private final Map<TopicPartition, Long> processedUpTo = new ConcurrentHashMap<>();

    Inbox(Outbox outbox, Vertx vertx, MeterRegistry registry,
          @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.vertx = vertx;
        this.registry = registry;
        this.service = service;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public Uni<Void> process(Iterable<ConsumerRecord<String, String>> records, EventHandler handler) {
        List<ConsumedEvent> good = new ArrayList<>();
        List<Rejected> bad = new ArrayList<>();
        List<Tombstone> tombstones = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null && record.key() != null && TopicAccess.compacted(record.topic())) {
                tombstones.add(new Tombstone(record.topic(), record.key()));
            } else {
                classify(record, handler, good, bad);
            }
        }
        if (good.isEmpty() && bad.isEmpty() && tombstones.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(() -> transaction(() -> applyBatch(good, bad, handler).chain(() -> erase(tombstones, handler))), FIRST_RETRY)
                .invoke(() -> handler.afterCommit(good))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d events failed (%s); applying them one by one", good.size(), failure.getMessage());
                    return oneByOne(good, bad, handler).chain(() -> withRetry(() -> transaction(() -> erase(tombstones, handler)), FIRST_RETRY));
                })
                .invoke(() -> records.forEach(r -> processedUpTo.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max)));
    }

    /** The offset after the last record of the partition this instance processed (since {@link #forget}); 0 before any. */
    public long processedUpTo(TopicPartition partition) {
        return processedUpTo.getOrDefault(partition, 0L);
    }

    /** Forgets how far the partitions were processed: their consumer is about to be rewound. */
    public void forget(java.util.Collection<TopicPartition> partitions) {
        partitions.forEach(processedUpTo::remove);
    }

    private void classify(ConsumerRecord<String, String> record, EventHandler handler, List<ConsumedEvent> good,
                          List<Rejected> bad) {
        JsonNode json;
        try {
            json = record.value() == null ? null : EventJson.MAPPER.readTree(record.value());
        } catch (Exception e) {
            bad.add(new Rejected(record, "malformed JSON: " + firstLine(e.getMessage())));
            return;
        }
        if (json == null || !json.isObject()) {
            bad.add(new Rejected(record, "not a JSON object"));
            return;
        }
        List<String> envelopeProblems = EventSchemas.validateEnvelope(json);
        if (!envelopeProblems.isEmpty()) {
            bad.add(new Rejected(record, "not a Cohesion CloudEvent: " + String.join("; ", envelopeProblems)));
            return;
        }
        String typeName = json.get("type").asText();
        EventType<?> type = EventCatalog.byName(typeName).orElse(null);
        if (type == null) {
            count(record.topic(), "unknown-type");
            LOG.debugf("skipping event %s of unknown type %s", json.get("id").asText(), typeName);
            return;
        }
        if (!handler.handles().contains(type)) {
            count(record.topic(), "ignored");
            return;
        }
        if (!type.topic().equals(record.topic())) {
            bad.add(new Rejected(record, typeName + " events travel on " + type.topic() + ", not on " + record.topic()));
            return;
        }
        List<String> payloadProblems = EventSchemas.validatePayload(type, json.get("data"));
        if (!payloadProblems.isEmpty()) {
            bad.add(new Rejected(record, "does not match the schema of " + typeName + ": " + String.join("; ", payloadProblems)));
            return;
        }
        JsonNode payloadNetwork = json.get("data").get("networkId");
        if (payloadNetwork != null && !payloadNetwork.asText().equals(json.get("networkid").asText())) {
            bad.add(new Rejected(record, "data.networkId " + payloadNetwork.asText() + " is not the envelope's networkid "
                    + json.get("networkid").asText()));
            return;
        }
        try {
            EventEnvelope envelope = EventJson.MAPPER.treeToValue(json, EventEnvelope.class);
            good.add(new ConsumedEvent(envelope, type, record.topic(), record.partition(), record.offset(), record.key()));
        } catch (Exception e) {
            bad.add(new Rejected(record, "unreadable envelope: " + firstLine(e.getMessage())));
        }
    }

    private Uni<Void> applyBatch(List<ConsumedEvent> good, List<Rejected> bad, EventHandler handler) {
        Uni<List<ConsumedEvent>> fresh = handler.deduplicatesItself() || good.isEmpty()
                ? Uni.createFrom().item(good)
                : recordIds(good).map(ids -> good.stream().filter(e -> ids.contains(e.id())).toList());
        return fresh.chain(events -> {
                    int duplicates = good.size() - events.size();
                    Uni<Void> applied = events.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(events);
                    return applied.invoke(() -> {
                        if (!good.isEmpty()) {
                            count(good.get(0).topic(), "processed", events.size());
                            count(good.get(0).topic(), "duplicate", duplicates);
                        }
                    });
                })
                .chain(() -> deadLetter(bad));
    }

    private Uni<Void> oneByOne(List<ConsumedEvent> good, List<Rejected> bad, EventHandler handler) {
        return withRetry(() -> transaction(() -> deadLetter(bad)), FIRST_RETRY).chain(() -> InOrder.each(good, event ->
                withRetry(() -> transaction(() -> applyBatch(List.of(event), List.of(), handler)), FIRST_RETRY)
                        .invoke(() -> handler.afterCommit(List.of(event)))
                        .onFailure().recoverWithUni(failure -> {
                            LOG.errorf(failure, "event %s (%s) cannot be applied; sending it to the dead-letter topic",
                                    event.id(), event.type().name());
                            Rejected rejected = new Rejected(event, "could not be applied: " + firstLine(failure.getMessage()));
                            return withRetry(() -> transaction(() -> deadLetter(List.of(rejected))), FIRST_RETRY);
                        })));
    }

    /**
     * Applies tombstones after the batch's events (a member's last profile may come in the same batch as its
     * erasure), and tombstones the key on this service's dead-letter topic too. Idempotent: forgetting twice
     * changes nothing.
     */
    private Uni<Void> erase(List<Tombstone> tombstones, EventHandler handler) {
        return InOrder.each(tombstones, t -> handler.erase(t.topic(), t.key())
                .chain(() -> outbox.tombstone(Topics.deadLetter(t.topic(), service), t.key()))
                .invoke(() -> count(t.topic(), "tombstone")));
    }

    /** Inserts the ids; returns those that were new. */
    private Uni<Set<UUID>> recordIds(List<ConsumedEvent> events) {
        ArrayNode rows = EventJson.MAPPER.createArrayNode();
        for (ConsumedEvent e : events) {
            rows.addObject().put("id", e.id().toString()).put("topic", e.topic()).put("type", e.type().name());
        }
        return recordIds(rows.toString());
    }

    private Uni<Set<UUID>> recordIds(String rows) {
        String sql = """
                with inserted as (
                    insert into processed_event (event_id, topic, event_type)
                    select cast(r->>'id' as uuid), r->>'topic', r->>'type'
                    from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) r
                    on conflict do nothing
                    returning event_id)
                select cast(event_id as text) from inserted""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, String.class).setParameter("rows", rows)
                .getResultList()).map(ids -> {
                    Set<UUID> set = new HashSet<>();
                    ids.forEach(id -> set.add(UUID.fromString(id)));
                    return set;
                });
    }

    /**
     * Dead-letters a valid event its handler refuses for good (an activity of a non-member, say), with the reason,
     * inside the handler's transaction: nothing is skipped silently.
     */
    public Uni<Void> deadLetter(ConsumedEvent event, String reason) {
        return deadLetter(List.of(new Rejected(event, reason)));
    }

    /** Dead-letters records not dead-lettered before (a rewound topic brings them again; their offset names them). */
    private Uni<Void> deadLetter(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = EventJson.MAPPER.createArrayNode();
        Map<UUID, Rejected> byId = new LinkedHashMap<>();
        for (Rejected r : rejected) {
            UUID id = UUID.nameUUIDFromBytes((r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
            byId.put(id, r);
            rows.addObject().put("id", id.toString()).put("topic", r.topic()).put("type", "dead-letter");
        }
        return recordIds(rows.toString()).chain(fresh -> InOrder.each(byId.keySet().stream().filter(fresh::contains).toList(), id -> {
            Rejected r = byId.get(id);
            LOG.warnf("dead-lettering %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), r.reason());
            count(r.topic(), "dead-lettered");
            Map<String, String> headers = Map.of(DLQ_REASON, r.reason(), DLQ_TOPIC, r.topic(),
                    DLQ_PARTITION, Integer.toString(r.partition()), DLQ_OFFSET, Long.toString(r.offset()));
            return outbox.deadLetter(Topics.deadLetter(r.topic(), service), r.key(), r.value(), headers);
        }));
    }

    /** Runs the work in one reactive transaction on a fresh, safe duplicated Vert.x context. */
    private Uni<Void> transaction(Supplier<Uni<Void>> work) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(work));
    }

    /** Retries transient failures with back-off for as long as the service runs; fails on anything else. */
    private Uni<Void> withRetry(Supplier<Uni<Void>> attempt, Duration delay) {
        return Uni.createFrom().<Void>deferred(attempt::get).onFailure(f -> TransientFailures.isTransient(f) && !stopping)
                .recoverWithUni(failure -> {
                    registry.counter("cohesion.consumer.retries").increment();
                    LOG.warnf("consumer transaction failed (%s); retrying in %d ms", firstLine(failure.getMessage()),
                            delay.toMillis());
                    Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay).chain(() -> withRetry(attempt, next));
                });
    }

    private void count(String topic, String outcome) {
        count(topic, outcome, 1);
    }

    private void count(String topic, String outcome, int n) {
        if (n > 0) {
            registry.counter("cohesion.consumer.events", "topic", topic, "outcome", outcome).increment(n);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private record Tombstone(String topic, String key) {
    }

    private record Rejected(String topic, int partition, long offset, String key, String value, String reason) {
        Rejected(ConsumerRecord<String, String> record, String reason) {
            this(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason);
        }

        Rejected(ConsumedEvent event, String reason) {
            this(event.topic(), event.partition(), event.offset(), event.key(),
                    EventJson.MAPPER.valueToTree(event.envelope()).toString(), reason);
        }
    }
}
