package dev.cohesion.members.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Time-driven transitions, read from the database on every tick, so that a restart (or another instance)
 * picks up whatever came due meanwhile: consultations close on time, suspensions end by themselves.
 */
@ApplicationScoped
public class Schedulers {

    private static final Logger LOG = Logger.getLogger(Schedulers.class);

    private final PurposeService purposes;
    private final SanctionEffects sanctions;
    private final dev.cohesion.members.repository.PurposeRepository purposeRows;
    private final Clock clock;

    Schedulers(PurposeService purposes, SanctionEffects sanctions,
               dev.cohesion.members.repository.PurposeRepository purposeRows, Clock clock) {
        this.purposes = purposes;
        this.sanctions = sanctions;
        this.purposeRows = purposeRows;
        this.clock = clock;
    }

    @Scheduled(every = "${cohesion.members.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDueConsultations() {
        return Panache.withSession(() -> purposeRows.dueToClose(clock.instant(), 50)).chain(this::closeEach);
    }

    @Scheduled(every = "${cohesion.members.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> endDueSuspensions() {
        return Panache.withTransaction(sanctions::endDueSuspensions)
                .onFailure().invoke(e -> LOG.warnf("ending suspensions failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> closeEach(List<UUID> due) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : due) {
            chain = chain.chain(() -> purposes.closeIfDue(id)
                    .onFailure().invoke(e -> LOG.warnf("closing consultation %s failed, next tick retries: %s", id, e.getMessage()))
                    .onFailure().recoverWithNull()).replaceWithVoid();
        }
        return chain;
    }
}
