package dev.cohesion.members.service;

import dev.cohesion.kit.support.InOrder;
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
 * picks up whatever came due meanwhile: consultations close on time, suspensions end by themselves, data exports
 * are deleted after their week, departed members are anonymised when their network's retention says so, partners'
 * clients at the identity provider follow the registry, notices go out.
 */
@ApplicationScoped
public class Schedulers {

    private static final Logger LOG = Logger.getLogger(Schedulers.class);

    private final PurposeService purposes;
    private final PurposeFollowUp followUp;
    private final SanctionEffects sanctions;
    private final dev.cohesion.members.repository.PurposeRepository purposeRows;
    private final DataExports exports;
    private final Retention retention;
    private final PartnerService partners;
    private final Notices notices;
    private final NoticeMailer mailer;
    private final InvitationImports imports;
    private final Clock clock;

    Schedulers(PurposeService purposes, PurposeFollowUp followUp, SanctionEffects sanctions,
               dev.cohesion.members.repository.PurposeRepository purposeRows, DataExports exports, Retention retention,
               PartnerService partners, Notices notices, NoticeMailer mailer, InvitationImports imports, Clock clock) {
        this.purposes = purposes;
        this.followUp = followUp;
        this.sanctions = sanctions;
        this.purposeRows = purposeRows;
        this.exports = exports;
        this.retention = retention;
        this.partners = partners;
        this.notices = notices;
        this.mailer = mailer;
        this.imports = imports;
        this.clock = clock;
    }

    @Scheduled(every = "${cohesion.members.retention-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> anonymiseDepartedMembers() {
        return retention.anonymiseDeparted(clock.instant())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("retention: %d departed members anonymised", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("retention run failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A plain delete: two instances running it at once delete the same rows once. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deleteExpiredExports() {
        return exports.deleteExpired()
                .invoke(n -> LOG.debugf("%d data exports past their week deleted", n))
                .onFailure().invoke(e -> LOG.warnf("deleting expired data exports failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Names and addresses leave bulk imports' rows a week after they finished; a plain update, like the delete above. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetImportedAddresses() {
        return imports.forgetFinishedRows()
                .onFailure().invoke(e -> LOG.warnf("forgetting imported addresses failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Idempotent: two instances sweeping at once disable or delete the same client twice, which changes nothing. */
    @Scheduled(every = "${cohesion.partners.keycloak.sweep-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepPartnerClients() {
        return partners.sweepClients()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("partners' clients: %d disabled or deleted at the identity provider", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("sweeping partners' clients failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
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

    /** Consultations closing soon: one reminder each, to the members without a stance. */
    @Scheduled(every = "${cohesion.members.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> remindClosingConsultations() {
        return followUp.remindClosing()
                .onFailure().invoke(e -> LOG.warnf("reminding of closing consultations failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Issues notices to many members, a page per transaction, up to 20 pages a tick; SKIP LOCKED shares them out. */
    @Scheduled(every = "${cohesion.notices.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> issueNotices() {
        return pages(20, notices::issueNextPage)
                .onFailure().invoke(e -> LOG.warnf("issuing notices failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Invites bulk imports' rows, a page per transaction, up to 10 pages a tick; SKIP LOCKED shares imports out. */
    @Scheduled(every = "${cohesion.members.scheduler-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> inviteImportedRows() {
        return pages(10, imports::processNextPage)
                .onFailure().invoke(e -> LOG.warnf("inviting imported rows failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Runs {@code page} until it says nothing was left, at most {@code left} times. */
    private static Uni<Void> pages(int left, java.util.function.Supplier<Uni<Boolean>> page) {
        return left == 0 ? Uni.createFrom().voidItem()
                : page.get().chain(more -> more ? pages(left - 1, page) : Uni.createFrom().voidItem());
    }

    @Scheduled(every = "${cohesion.notices.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> emailNotices() {
        return mailer.sendDue()
                .onFailure().invoke(e -> LOG.warnf("e-mailing notices failed, next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> closeEach(List<UUID> due) {
        return InOrder.each(due, id -> purposes.closeIfDue(id)
                    .onFailure().invoke(e -> LOG.warnf("closing consultation %s failed, next tick retries: %s", id, e.getMessage()))
                    .onFailure().recoverWithNull());
    }
}
