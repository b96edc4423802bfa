package dev.cohesion.kit.support;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Scheduled jobs stop first when a service shuts down (docs/operations.md, "Graceful shutdown"): a tick after
 * the database pool closed could only fail, and logged an error on every rolling restart. What a paused job did
 * not do, the next instance's does.
 */
@ApplicationScoped
class SchedulerShutdown {

    void pause(@Observes @Priority(1) ShutdownEvent event, Instance<Scheduler> scheduler) {
        if (scheduler.isResolvable()) {
            scheduler.get().pause();
        }
    }
}
