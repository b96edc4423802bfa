package dev.cohesion.metrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.events.members.EmailMatchKey;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.api.security.Identity;
import dev.cohesion.kit.monitoring.Traces;
import dev.cohesion.kit.outbox.KafkaRecords;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.metrics.repository.ActivityStore;
import dev.cohesion.metrics.repository.PartnerIdentifiers;
import dev.cohesion.metrics.rest.ActivityDtos;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The REST door for activities: each item is checked like the topic's (member, status, type); items whose key was
 * counted before are duplicates; items that name their member by a partner's identifier or e-mail that no member is
 * linked to yet are kept as unmatched (counted by {@code Projections} once a link appears); the accepted ones are
 * produced to cohesion.activities.v1 and the call answers 202 once Kafka acknowledged them all. The consumer then counts them exactly as it counts the topic's own.
 */
@ApplicationScoped
public class ActivityDoor {

    private static final int MAX_KEY = 200;
    private static final int MAX_EMAIL = 254;
    private static final int UNMATCHED_SAMPLE = 20;

    private final ActivityIngestion ingestion;
    private final ActivityStore store;
    private final Emitter<String> emitter;
    private final Clock clock;

    ActivityDoor(ActivityIngestion ingestion, ActivityStore store, @Channel("activities-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                 Emitter<String> emitter, Clock clock) {
        this.ingestion = ingestion;
        this.store = store;
        this.emitter = emitter;
        this.clock = clock;
    }

    /**
     * Sorts the batch: each item is rejected, a duplicate, unmatched (a partner's identifier or e-mail that names
     * nobody yet: kept in unmatched_activity until a link names its member), or accepted and produced.
     */
    @WithSession
    public Uni<ActivityDtos.Result> accept(UUID networkId, String source, List<ActivityDtos.Item> items, Identity caller) {
        boolean identifiers = items.stream().anyMatch(i -> i != null && (i.externalId() != null || i.email() != null));
        Uni<UUID> partner = identifiers && caller.clientId() != null
                ? PartnerIdentifiers.partnerOf(networkId, caller.issuer(), caller.clientId()) : Uni.createFrom().nullItem();
        return partner.chain(partnerId -> identify(networkId, partnerId, items).chain(ids -> sort(networkId, source, items, partnerId, ids)));
    }

    /** The members the partner's identifiers and e-mail keys in the batch name. */
    private record Identified(Map<String, UUID> byExternalId, Map<String, UUID> byEmailKey) {

        UUID member(ActivityDtos.Item item) {
            if (item.memberId() != null) {
                return item.memberId();
            }
            return item.externalId() != null ? byExternalId.get(item.externalId()) : byEmailKey.get(EmailMatchKey.of(item.email()));
        }
    }

    private Uni<Identified> identify(UUID networkId, UUID partnerId, List<ActivityDtos.Item> items) {
        if (partnerId == null) {
            return Uni.createFrom().item(new Identified(Map.of(), Map.of()));
        }
        Set<String> externalIds = new HashSet<>();
        Set<String> emailKeys = new HashSet<>();
        for (ActivityDtos.Item item : items) {
            if (item != null && problem(item) == null && item.memberId() == null) {
                if (item.externalId() != null) {
                    externalIds.add(item.externalId());
                } else {
                    emailKeys.add(EmailMatchKey.of(item.email()));
                }
            }
        }
        return PartnerIdentifiers.byExternalId(networkId, partnerId, externalIds)
                .chain(byExternalId -> PartnerIdentifiers.byEmailKey(networkId, emailKeys).map(byEmail -> new Identified(byExternalId, byEmail)));
    }

    private Uni<ActivityDtos.Result> sort(UUID networkId, String source, List<ActivityDtos.Item> items, UUID partnerId, Identified ids) {
        ActivityDtos.ItemResult[] results = new ActivityDtos.ItemResult[items.size()];
        List<ActivityRecorded> candidates = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<PartnerIdentifiers.Unmatched> unmatched = new ArrayList<>();
        List<Integer> unmatchedPositions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant now = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            ActivityDtos.Item item = items.get(i);
            String problem = problem(item);
            if (problem == null && item.memberId() == null && partnerId == null) {
                problem = "externalId and email name members for partners only; send memberId";
            }
            if (problem != null) {
                results[i] = new ActivityDtos.ItemResult(i, item.idempotencyKey(), "REJECTED", problem, false);
            } else if (!seen.add(item.idempotencyKey())) {
                results[i] = new ActivityDtos.ItemResult(i, item.idempotencyKey(), "DUPLICATE", null, false);
            } else if (ids.member(item) == null) {
                unmatched.add(new PartnerIdentifiers.Unmatched(networkId, item.idempotencyKey(), partnerId, item.externalId(),
                        item.externalId() == null ? EmailMatchKey.of(item.email()) : null, item.type(), item.occurredAt(), item.weight(),
                        source, now));
                unmatchedPositions.add(i);
            } else {
                candidates.add(new ActivityRecorded(networkId, ids.member(item), item.type(), item.occurredAt(), item.weight(),
                        source, item.idempotencyKey()));
                positions.add(i);
            }
        }
        List<String> keys = new ArrayList<>(candidates.stream().map(ActivityRecorded::idempotencyKey).toList());
        unmatched.forEach(u -> keys.add(u.idempotencyKey()));
        return ingestion.check(candidates, java.util.Collections.nCopies(candidates.size(), now)).chain(checked -> known(networkId, keys).chain(known -> {
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
            List<PartnerIdentifiers.Unmatched> keep = new ArrayList<>();
            for (int k = 0; k < unmatched.size(); k++) {
                int i = unmatchedPositions.get(k);
                String key = unmatched.get(k).idempotencyKey();
                boolean counted = known.contains(key);
                results[i] = new ActivityDtos.ItemResult(i, key, counted ? "DUPLICATE" : "UNMATCHED", null, false);
                if (!counted) {
                    keep.add(unmatched.get(k));
                }
            }
            return (keep.isEmpty() ? Uni.createFrom().voidItem() : Panache.withTransaction(() -> PartnerIdentifiers.keep(keep)))
                    .chain(() -> produce(send)).map(v -> summary(results));
        }));
    }

    /** The activities waiting for a link: the partner's (the caller's client), or every partner's when {@code partner} is null. */
    @WithSession
    public Uni<ActivityDtos.UnmatchedReport> unmatched(UUID networkId, Identity partner) {
        Uni<UUID> partnerId = partner == null ? Uni.createFrom().nullItem()
                : PartnerIdentifiers.partnerOf(networkId, partner.issuer(), partner.clientId()).onItem().ifNull()
                .failWith(() -> ProblemException.forbidden("only a registered partner has unmatched activities"));
        return partnerId.chain(p -> PartnerIdentifiers.report(networkId, p, UNMATCHED_SAMPLE)).map(r -> new ActivityDtos.UnmatchedReport(
                r.count(), r.oldestReceivedAt(), r.sample().stream().map(u -> new ActivityDtos.Unmatched(u.idempotencyKey(), u.partnerId(),
                        u.externalId(), u.emailMatchKey() != null, u.type(), u.occurredAt(), u.receivedAt())).toList()));
    }

    private Uni<Set<String>> known(UUID networkId, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return store.storedKeys(networkId, keys);
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
        int named = (item.memberId() == null ? 0 : 1) + (item.externalId() == null ? 0 : 1) + (item.email() == null ? 0 : 1);
        if (named != 1) {
            return "exactly one of memberId, externalId and email is required";
        }
        if (item.externalId() != null && (item.externalId().isBlank() || item.externalId().length() > MAX_KEY)) {
            return "externalId is 1 to " + MAX_KEY + " characters";
        }
        if (item.email() != null && (item.email().length() > MAX_EMAIL || !item.email().trim().matches("[^@\\s]+@[^@\\s]+"))) {
            return "email is an e-mail address of up to " + MAX_EMAIL + " characters";
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
        int unmatched = 0;
        for (ActivityDtos.ItemResult r : results) {
            switch (r.status()) {
                case "ACCEPTED" -> accepted++;
                case "DUPLICATE" -> duplicates++;
                case "UNMATCHED" -> unmatched++;
                default -> rejected++;
            }
        }
        return new ActivityDtos.Result(accepted, duplicates, rejected, unmatched, List.of(results));
    }
}
