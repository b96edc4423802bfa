package dev.cohesion.kit.support;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Blocking work (name resolution, a call to the identity provider's admin API) or long computation (a large network's
 * health) run on a worker thread, its outcome handed back on the caller's Vert.x context, where the caller's Hibernate
 * Reactive session lives. An event loop also runs consumers and requests: what holds it up delays them all.
 */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> call(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? offloaded : offloaded.emitOn(command -> context.runOnContext(v -> command.run()));
    }
}
