package dev.cohesion.norms.service;

import dev.cohesion.norms.repository.ChangeRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Closes norm-change votes on time; reads what came due from the database, so a restart misses nothing. */
@ApplicationScoped
public class Schedulers {

    private static final Logger LOG = Logger.getLogger(Schedulers.class);

    private final NormChangeService normChanges;
    private final ChangeRepository changes;
    private final Clock clock;

    Schedulers(NormChangeService normChanges, ChangeRepository changes, Clock clock) {
        this.normChanges = normChanges;
        this.changes = changes;
        this.clock = clock;
    }

    @Scheduled(every = "${cohesion.norms.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDueVotes() {
        return Panache.withSession(() -> changes.dueToClose(clock.instant(), 50)).chain(this::closeEach);
    }

    private Uni<Void> closeEach(List<UUID> due) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : due) {
            chain = chain.chain(() -> normChanges.closeIfDue(id)
                    .onFailure().invoke(e -> LOG.warnf("closing vote %s failed, next tick retries: %s", id, e.getMessage()))
                    .onFailure().recoverWithNull()).replaceWithVoid();
        }
        return chain;
    }
}
