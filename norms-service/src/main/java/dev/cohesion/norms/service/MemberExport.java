package dev.cohesion.norms.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.NormsExportPart;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.norms.domain.BreachCase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * norms-service's part of a member's data export (docs/privacy.md): on {@code member-export-requested}, in the
 * consumer's transaction, everything this service holds about the member in that network goes to members-service on
 * {@value Topics#NORMS_EXPORTS}. A case the member is the subject of never names its reporter.
 */
@ApplicationScoped
public class MemberExport {

    private static final Logger LOG = Logger.getLogger(MemberExport.class);

    private final OwnRecords records;
    private final Outbox outbox;
    private final Clock clock;

    MemberExport(OwnRecords records, Outbox outbox, Clock clock) {
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> contribute(MemberExportRequested request) {
        if (!request.stillAwaited(clock.instant())) {
            LOG.infof("export %s was requested at %s: no longer awaited, no part sent", request.exportId(), request.requestedAt());
            return Uni.createFrom().voidItem();
        }
        return records.of(request.networkId(), request.memberId())
                .chain(held -> outbox.add(NormsEvents.MEMBER_EXPORT_PART, request.networkId(),
                        "members/" + request.memberId() + "/exports/" + request.exportId(), request.memberId().toString(),
                        part(request, held)))
                .replaceWithVoid();
    }

    /**
     * The member was erased: a tombstone on {@value Topics#NORMS_EXPORTS} (and the outbox rows that still carry
     * a part) removes their parts in transit.
     */
    public Uni<Void> forget(UUID memberId) {
        return outbox.tombstone(Topics.NORMS_EXPORTS, memberId.toString());
    }

    private static NormsExportPart part(MemberExportRequested r, OwnRecords.Held held) {
        return new NormsExportPart(r.exportId(), r.networkId(), r.memberId(),
                held.acknowledgements().stream().map(a -> new NormsExportPart.Acknowledgement(a.bookVersion, a.acknowledgedAt)).toList(),
                held.votes().stream().map(v -> new NormsExportPart.Vote(v.changeId, held.change(v.changeId).code,
                        v.choice.name(), v.votedAt)).toList(),
                held.proposals().stream().map(c -> new NormsExportPart.Proposal(c.id, c.kind, c.code, c.rationale,
                        c.status.name(), c.openedAt)).toList(),
                held.casesReported().stream().map(c -> exported(c, held)).toList(),
                held.casesAbout().stream().map(c -> exported(c, held)).toList(),
                held.sanctions().stream().map(s -> new NormsExportPart.Sanction(s.id, s.caseId, s.rung, s.reasoning,
                        s.noteToMember, s.appliedAt, s.endsAt, s.liftedAt, s.expunged)).toList(),
                held.appeals().stream().map(a -> new NormsExportPart.Appeal(a.id, a.sanctionId, a.text, a.status.name(),
                        a.filedAt, a.decidedAt, a.decisionReason)).toList());
    }

    /** The case as the member may see it: no reporter, no reviewer. */
    private static NormsExportPart.Case exported(BreachCase c, OwnRecords.Held held) {
        return new NormsExportPart.Case(c.id, held.normCodes().get(c.normId), c.normVersion, c.description, c.status.name(),
                c.openedAt, c.decidedAt, c.decisionReason);
    }
}
