package dev.cohesion.kit.inbox;

import dev.cohesion.events.EventType;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Set;

/** What a service does with the events of one topic; the {@link Inbox} calls it inside the consumer's transaction. */
public interface EventHandler {

    /** The types this consumer acts on; events of other known types are skipped and counted as ignored. */
    Set<EventType<?>> handles();

    /** Applies events not seen before, in topic order, inside the transaction that also records their ids. */
    Uni<Void> apply(List<ConsumedEvent> events);

    /**
     * True when the handler deduplicates on a key of its own in the same transaction (activities: the sender's
     * idempotency key), so that the inbox need not record event ids.
     */
    default boolean deduplicatesItself() {
        return false;
    }

    /**
     * Forgets what this service holds of {@code key} because a tombstone removed it from the compacted
     * {@code topic} (an erasure). Handlers of compacted topics must override it; the default refuses.
     */
    default Uni<Void> erase(String topic, String key) {
        return Uni.createFrom().failure(new UnsupportedOperationException("this consumer does not read the compacted topic " + topic));
    }

    /** Called once the transaction that applied the events committed (to wake work that reads their effect). */
    default void afterCommit(List<ConsumedEvent> events) {
    }
}
