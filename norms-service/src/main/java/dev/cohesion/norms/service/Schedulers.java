package dev.cohesion.norms.service;

import dev.cohesion.kit.support.InOrder;
import dev.cohesion.norms.repository.ChangeRepository;
import dev.cohesion.norms.repository.NetworkRulesRepository;
import dev.cohesion.norms.repository.PersonalText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Closes norm-change votes on time, asks for their closing reminders, renews norm books due for their periodic
 * re-acknowledgement, retires old case text; reads what came due from the database, so a restart misses nothing.
 */
@ApplicationScoped
public class Schedulers {

    private static final Logger LOG = Logger.getLogger(Schedulers.class);

    private final NormChangeService normChanges;
    private final NormBookService book;
    private final ChangeRepository changes;
    private final NetworkRulesRepository rules;
    private final PersonalText personalText;
    private final Clock clock;

    Schedulers(NormChangeService normChanges, NormBookService book, ChangeRepository changes, NetworkRulesRepository rules,
               PersonalText personalText, Clock clock) {
        this.book = book;
        this.rules = rules;
        this.normChanges = normChanges;
        this.changes = changes;
        this.personalText = personalText;
        this.clock = clock;
    }

    /** Retention by age (docs/privacy.md): decided cases' free text, once the network's months have passed. */
    @Scheduled(every = "${cohesion.norms.retention-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retireOldCaseText() {
        return Panache.withTransaction(() -> personalText.retire(clock.instant()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("retention: the text of %d decided cases removed", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("retention run failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Votes closing soon: members-service is asked once to remind those who have not voted. */
    @Scheduled(every = "${cohesion.norms.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> remindClosingVotes() {
        return normChanges.remindClosing()
                .onFailure().invoke(e -> LOG.warnf("reminding of closing votes failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Norm books due for their periodic re-acknowledgement, each renewed in its own transaction. */
    @Scheduled(every = "${cohesion.norms.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewDueNormBooks() {
        return Panache.withSession(() -> rules.dueForRenewal(clock.instant(), 50)).chain(due -> InOrder.each(due, id -> book.renewIfDue(id)
                        .onFailure().invoke(e -> LOG.warnf("renewing the norm book of %s failed, next tick retries: %s", id, e.getMessage()))
                        .onFailure().recoverWithNull()));
    }

    @Scheduled(every = "${cohesion.norms.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDueVotes() {
        return Panache.withSession(() -> changes.dueToClose(clock.instant(), 50)).chain(this::closeEach);
    }

    private Uni<Void> closeEach(List<UUID> due) {
        return InOrder.each(due, id -> normChanges.closeIfDue(id)
                    .onFailure().invoke(e -> LOG.warnf("closing vote %s failed, next tick retries: %s", id, e.getMessage()))
                    .onFailure().recoverWithNull());
    }
}
