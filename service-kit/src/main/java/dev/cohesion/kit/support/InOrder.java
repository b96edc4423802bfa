package dev.cohesion.kit.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * Runs an action for each item, one after the other, as one {@link Uni} that fails with the first failure.
 * <p>
 * Not a loop of {@code chain = chain.chain(...)}: that nests one operator per item, and actions that complete at once
 * (a Hibernate Reactive find answered from the session, a flush with nothing to write, an entity persisted until the
 * next flush) recurse once per item, so that a long enough list overflows the thread's stack, and the overflow can be
 * swallowed on the way, leaving a Uni that never completes: norms-service's consumer stopped so on a batch of 500
 * network-updated events. Mutiny's concatenation requests the next item in a loop instead, at any list size.
 */
public final class InOrder {

    private InOrder() {
    }

    public static <T> Uni<Void> each(Iterable<T> items, Function<T, Uni<?>> action) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> action.apply(item).replaceWithVoid())
                .onItem().ignoreAsUni();
    }
}
