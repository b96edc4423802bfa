package dev.cohesion.norms.service;

import dev.cohesion.events.norms.CaseOutcome;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.CaseHistory;
import dev.cohesion.norms.domain.CaseStatus;
import dev.cohesion.norms.domain.NormStatus;
import dev.cohesion.norms.domain.ReviewerPolicy;
import dev.cohesion.norms.events.NormEventPayloads;
import dev.cohesion.norms.repository.CaseRepository;
import dev.cohesion.norms.repository.MemberRecordRepository;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.rest.CaseDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Breach reports and their cases: OPEN → UNDER_REVIEW → UPHELD or DISMISSED, with a full history. */
@ApplicationScoped
public class CaseService {

    private final CaseRepository cases;
    private final NormRepository norms;
    private final MemberRecordRepository members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    CaseService(CaseRepository cases, NormRepository norms, MemberRecordRepository members, Outbox outbox, AuditLog audit, Clock clock) {
        this.cases = cases;
        this.norms = norms;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A member or organiser reports a member, citing a version of a norm in force (ACTIVE) and what happened. */
    @WithTransaction
    public Uni<BreachCase> report(UUID networkId, UUID reporter, CaseDtos.Report report) {
        if (report.subjectMemberId().equals(reporter)) {
            throw ProblemException.invalidField("subjectMemberId", "you cannot report yourself");
        }
        return members.inNetwork(networkId, report.subjectMemberId()).chain(subject -> {
            if (subject == null || !subject.isMember()) {
                Verdict.refuse("report-members-only", "Only current members of the network can be reported.").orThrow();
            }
            return norms.inNetwork(networkId, report.normId());
        }).chain(norm -> {
            if (norm == null) {
                throw ProblemException.notFound("norm", report.normId());
            }
            if (norm.status != NormStatus.ACTIVE) {
                Verdict.refuse("cite-norms-in-force", norm.code + " is " + norm.status + ": a report cites a norm of the norm book "
                        + "in force (any of its versions).").orThrow();
            }
            return norms.version(norm.id, report.normVersion()).chain(version -> {
                if (version == null) {
                    throw ProblemException.invalidField("normVersion", norm.code + " has no version " + report.normVersion());
                }
                Instant now = clock.instant();
                BreachCase c = new BreachCase();
                c.id = Ids.next();
                c.networkId = networkId;
                c.normId = norm.id;
                c.normVersion = report.normVersion();
                c.subjectMemberId = report.subjectMemberId();
                c.reporterMemberId = reporter;
                c.description = report.description();
                c.status = CaseStatus.OPEN;
                c.openedAt = now;
                return cases.persist(c).chain(() -> history(c, reporter, "REPORTED", null))
                        .chain(() -> outbox.add(NormsEvents.BREACH_REPORTED, networkId, "cases/" + c.id,
                                NormEventPayloads.reported(c, norm))).replaceWith(c);
            });
        });
    }

    /** An organiser who is neither reporter nor subject claims the case for review. */
    @WithTransaction
    public Uni<BreachCase> claim(UUID networkId, UUID caseId, UUID organiser) {
        return get(networkId, caseId).chain(c -> {
            ReviewerPolicy.mayReview(c, organiser).orThrow();
            if (c.status != CaseStatus.OPEN) {
                throw ProblemException.invalidTransition("case " + c.id, c.status, "only an open case is claimed");
            }
            c.status = CaseStatus.UNDER_REVIEW;
            c.reviewerMemberId = organiser;
            return cases.flush().chain(() -> history(c, organiser, "CLAIMED", null))
                    .chain(() -> audit.record(networkId, "case.claimed", "case", c.id, Map.of("status", CaseStatus.OPEN),
                            Map.of("status", c.status, "reviewer", organiser)))
                    .replaceWith(c);
        });
    }

    /** The reviewer upholds or dismisses the case, with the reason. */
    @WithTransaction
    public Uni<BreachCase> decide(UUID networkId, UUID caseId, UUID organiser, CaseDtos.Decision decision) {
        return get(networkId, caseId).chain(c -> {
            if (c.status != CaseStatus.UNDER_REVIEW) {
                throw ProblemException.invalidTransition("case " + c.id, c.status, "a case is decided once, after it is claimed");
            }
            ReviewerPolicy.mayDecide(c, organiser).orThrow();
            c.status = decision.outcome() == CaseOutcome.UPHELD ? CaseStatus.UPHELD : CaseStatus.DISMISSED;
            c.decisionReason = decision.reason();
            c.decidedAt = clock.instant();
            return cases.flush().chain(() -> history(c, organiser, c.status.name(), decision.reason()))
                    .chain(() -> norms.findById(c.normId))
                    .chain(norm -> outbox.add(NormsEvents.CASE_DECIDED, networkId, "cases/" + c.id,
                            NormEventPayloads.decided(c, norm)))
                    .chain(() -> audit.record(networkId, "case.decided", "case", c.id, Map.of("status", CaseStatus.UNDER_REVIEW),
                            Map.of("status", c.status)))
                    .replaceWith(c);
        });
    }

    @WithSession
    public Uni<BreachCase> get(UUID networkId, UUID caseId) {
        return cases.inNetwork(networkId, caseId).onItem().ifNull().failWith(() -> ProblemException.notFound("case", caseId));
    }

    /** Organisers list every case; a member lists the cases they reported or are the subject of. */
    @WithSession
    public Uni<Page<BreachCase>> list(UUID networkId, CaseStatus status, UUID involving, PageRequest page) {
        return cases.page(networkId, status, involving, page).map(rows -> Page.of(rows, page, c -> c.id.toString(), c -> c));
    }

    @WithSession
    public Uni<List<CaseDtos.HistoryEntry>> history(UUID networkId, UUID caseId, UUID viewer) {
        return get(networkId, caseId).chain(c -> cases.history(caseId).map(h -> h.stream()
                .map(e -> new CaseDtos.HistoryEntry(e.at, viewer.equals(c.subjectMemberId) && c.reporterMemberId.equals(e.actorId)
                        ? null : e.actorId, e.action, e.note)).toList()));
    }

    Uni<Void> history(BreachCase c, UUID actor, String action, String note) {
        CaseHistory h = new CaseHistory();
        h.id = Ids.next();
        h.caseId = c.id;
        h.at = clock.instant();
        h.actorId = actor;
        h.action = action;
        h.note = note;
        return h.persist().replaceWithVoid();
    }
}
