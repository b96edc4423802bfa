package dev.cohesion.metrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.monitoring.Traces;
import dev.cohesion.kit.outbox.KafkaRecords;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.metrics.repository.Sql;
import dev.cohesion.metrics.rest.ActivityDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The REST door for activities: each item is checked like the topic's (member, status, type); items whose key was
 * counted before are duplicates; the accepted ones are produced to cohesion.activities.v1 and the call answers 202
 * once Kafka acknowledged them all. The consumer then counts them exactly as it counts the topic's own.
 */
@ApplicationScoped
public class ActivityDoor {

    private static final int MAX_KEY = 200;

    private final ActivityIngestion ingestion;
    private final Emitter<String> emitter;
    private final Clock clock;

    ActivityDoor(ActivityIngestion ingestion, @Channel("activities-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                 Emitter<String> emitter, Clock clock) {
        this.ingestion = ingestion;
        this.emitter = emitter;
        this.clock = clock;
    }

    @WithSession
    public Uni<ActivityDtos.Result> accept(UUID networkId, String source, List<ActivityDtos.Item> items) {
        ActivityDtos.ItemResult[] results = new ActivityDtos.ItemResult[items.size()];
        List<ActivityRecorded> candidates = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ActivityDtos.Item item = items.get(i);
            String problem = problem(item);
            if (problem != null) {
                results[i] = new ActivityDtos.ItemResult(i, item.idempotencyKey(), "REJECTED", problem, false);
            } else if (!seen.add(item.idempotencyKey())) {
                results[i] = new ActivityDtos.ItemResult(i, item.idempotencyKey(), "DUPLICATE", null, false);
            } else {
                candidates.add(new ActivityRecorded(networkId, item.memberId(), item.type(), item.occurredAt(), item.weight(),
                        source, item.idempotencyKey()));
                positions.add(i);
            }
        }
        Instant now = clock.instant();
        return ingestion.check(candidates, java.util.Collections.nCopies(candidates.size(), now)).chain(checked -> known(networkId, candidates).chain(known -> {
            List<ActivityRecorded> send = new ArrayList<>();
            for (int k = 0; k < checked.size(); k++) {
                ActivityIngestion.Checked c = checked.get(k);
                int i = positions.get(k);
                String key = c.activity().idempotencyKey();
                if (!c.decision().accepted()) {
                    results[i] = new ActivityDtos.ItemResult(i, key, "REJECTED", c.decision().reason(), false);
                } else if (known.contains(key)) {
                    results[i] = new ActivityDtos.ItemResult(i, key, "DUPLICATE", null, c.decision().suspended());
                } else {
                    results[i] = new ActivityDtos.ItemResult(i, key, "ACCEPTED", null, c.decision().suspended());
                    send.add(c.activity());
                }
            }
            return produce(send).map(v -> summary(results));
        }));
    }

    private Uni<Set<String>> known(UUID networkId, List<ActivityRecorded> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Sql.column("select idempotency_key from activity where network_id = :n and idempotency_key in (:keys)", String.class,
                "n", networkId, "keys", candidates.stream().map(ActivityRecorded::idempotencyKey).toList()).map(HashSet::new);
    }

    private Uni<Void> produce(List<ActivityRecorded> activities) {
        // Kafka acknowledges on its own thread: come back to this request's Vert.x context before the session closes
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        java.util.Map<String, String> trace = Traces.current();
        for (ActivityRecorded a : activities) {
            UUID id = Ids.next();
            EventEnvelope envelope = EventEnvelope.of(id, "/cohesion/metrics-service", ActivitiesEvents.ACTIVITY_RECORDED,
                    clock.instant(), "members/" + a.memberId(), a.networkId(), a)
                    .withTrace(trace.get(Traces.TRACEPARENT), trace.get(Traces.TRACESTATE));
            try {
                acks.add(KafkaRecords.send(emitter, null, a.memberId().toString(), EventJson.MAPPER.writeValueAsString(envelope),
                        KafkaRecords.eventHeaders(id, ActivitiesEvents.ACTIVITY_RECORDED)));
            } catch (JsonProcessingException e) {
                acks.add(CompletableFuture.failedFuture(e));
            }
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .onFailure().transform(e -> new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                        "The activities could not be handed to the event log; retry the same batch with the same Idempotency-Key."))
                .replaceWithVoid();
    }

    private static String problem(ActivityDtos.Item item) {
        if (item.memberId() == null) {
            return "memberId is required";
        }
        if (item.type() == null || !item.type().matches("[A-Z][A-Z0-9_]{1,39}")) {
            return "type is required: upper-case letters, digits and underscores";
        }
        if (item.occurredAt() == null) {
            return "occurredAt is required";
        }
        if (item.idempotencyKey() == null || item.idempotencyKey().isBlank() || item.idempotencyKey().length() > MAX_KEY) {
            return "idempotencyKey is required, up to " + MAX_KEY + " characters";
        }
        if (item.weight() != null && (item.weight() <= 0 || item.weight() > 100)) {
            return "weight must be above 0 and at most 100";
        }
        return null;
    }

    private static ActivityDtos.Result summary(ActivityDtos.ItemResult[] results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ActivityDtos.ItemResult r : results) {
            switch (r.status()) {
                case "ACCEPTED" -> accepted++;
                case "DUPLICATE" -> duplicates++;
                default -> rejected++;
            }
        }
        return new ActivityDtos.Result(accepted, duplicates, rejected, List.of(results));
    }
}
