package dev.cohesion.norms.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.NormsExportPart;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.norms.domain.Acknowledgement;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.Sanction;
import dev.cohesion.norms.domain.Vote;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * norms-service's part of a member's data export (docs/privacy.md): on {@code member-export-requested}, in the
 * consumer's transaction, everything this service holds about the member in that network goes to members-service on
 * {@value Topics#NORMS_EXPORTS}. A case the member is the subject of never names its reporter.
 */
@ApplicationScoped
public class MemberExport {

    private static final Logger LOG = Logger.getLogger(MemberExport.class);

    private final Outbox outbox;
    private final Clock clock;

    MemberExport(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> contribute(MemberExportRequested request) {
        if (!request.stillAwaited(clock.instant())) {
            LOG.infof("export %s was requested at %s: no longer awaited, no part sent", request.exportId(), request.requestedAt());
            return Uni.createFrom().voidItem();
        }
        UUID n = request.networkId();
        UUID m = request.memberId();
        Found found = new Found();
        return Acknowledgement.<Acknowledgement>list("networkId = ?1 and memberId = ?2 order by bookVersion", n, m)
                .invoke(rows -> found.acknowledgements = rows)
                .chain(() -> NormChange.<NormChange>list("networkId = ?1 and (proposedBy = ?2 or id in "
                        + "(select v.changeId from Vote v where v.memberId = ?2)) order by openedAt, id", n, m))
                .invoke(rows -> found.changes = rows)
                .chain(() -> Vote.<Vote>list("memberId = ?1 and changeId in (select c.id from NormChange c "
                        + "where c.networkId = ?2) order by votedAt", m, n))
                .invoke(rows -> found.votes = rows)
                .chain(() -> BreachCase.<BreachCase>list("networkId = ?1 and (reporterMemberId = ?2 or subjectMemberId = ?2) "
                        + "order by openedAt, id", n, m))
                .invoke(rows -> found.cases = rows)
                .chain(() -> Norm.<Norm>list("networkId", n))
                .invoke(rows -> found.normCodes = rows.stream().collect(Collectors.toMap(x -> x.id, x -> x.code)))
                .chain(() -> Sanction.<Sanction>list("networkId = ?1 and memberId = ?2 order by appliedAt", n, m))
                .invoke(rows -> found.sanctions = rows)
                .chain(() -> Appeal.<Appeal>list("networkId = ?1 and memberId = ?2 order by filedAt", n, m))
                .invoke(rows -> found.appeals = rows)
                .chain(() -> outbox.add(NormsEvents.MEMBER_EXPORT_PART, n,
                        "members/" + m + "/exports/" + request.exportId(), m.toString(), found.part(request)))
                .replaceWithVoid();
    }

    /**
     * The member was erased: a tombstone on {@value Topics#NORMS_EXPORTS} (and the outbox rows that still carry
     * a part) removes their parts in transit.
     */
    public Uni<Void> forget(UUID memberId) {
        return outbox.tombstone(Topics.NORMS_EXPORTS, memberId.toString());
    }

    /** What the queries found, turned into the part. */
    private static final class Found {
        List<Acknowledgement> acknowledgements;
        List<NormChange> changes;
        List<Vote> votes;
        List<BreachCase> cases;
        Map<UUID, String> normCodes;
        List<Sanction> sanctions;
        List<Appeal> appeals;

        NormsExportPart part(MemberExportRequested r) {
            UUID m = r.memberId();
            Map<UUID, NormChange> changeById = changes.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
            return new NormsExportPart(r.exportId(), r.networkId(), m,
                    acknowledgements.stream().map(a -> new NormsExportPart.Acknowledgement(a.bookVersion, a.acknowledgedAt)).toList(),
                    votes.stream().map(v -> new NormsExportPart.Vote(v.changeId, changeById.get(v.changeId).code,
                            v.choice.name(), v.votedAt)).toList(),
                    changes.stream().filter(c -> c.proposedBy.equals(m)).map(c -> new NormsExportPart.Proposal(c.id, c.kind,
                            c.code, c.rationale, c.status.name(), c.openedAt)).toList(),
                    cases.stream().filter(c -> c.reporterMemberId.equals(m)).map(this::exported).toList(),
                    cases.stream().filter(c -> c.subjectMemberId.equals(m)).map(this::exported).toList(),
                    sanctions.stream().map(s -> new NormsExportPart.Sanction(s.id, s.caseId, s.rung, s.reasoning,
                            s.noteToMember, s.appliedAt, s.endsAt, s.liftedAt, s.expunged)).toList(),
                    appeals.stream().map(a -> new NormsExportPart.Appeal(a.id, a.sanctionId, a.text, a.status.name(),
                            a.filedAt, a.decidedAt, a.decisionReason)).toList());
        }

        /** The case as the member may see it: no reporter, no reviewer. */
        private NormsExportPart.Case exported(BreachCase c) {
            return new NormsExportPart.Case(c.id, normCodes.get(c.normId), c.normVersion, c.description, c.status.name(),
                    c.openedAt, c.decidedAt, c.decisionReason);
        }
    }
}
