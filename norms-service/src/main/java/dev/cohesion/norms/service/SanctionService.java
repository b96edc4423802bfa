package dev.cohesion.norms.service;

import dev.cohesion.events.norms.AppealOutcome;
import dev.cohesion.events.norms.LiftReason;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.AppealPolicy;
import dev.cohesion.norms.domain.AppealStatus;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.CaseStatus;
import dev.cohesion.norms.domain.NetworkRules;
import dev.cohesion.norms.domain.Sanction;
import dev.cohesion.norms.domain.ReviewerPolicy;
import dev.cohesion.norms.domain.SanctionLadder;
import dev.cohesion.norms.events.NormEventPayloads;
import dev.cohesion.norms.repository.MemberRecordRepository;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.repository.SanctionRepository;
import dev.cohesion.norms.rest.CaseDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Graduated sanctions after upheld cases, and appeals against them. */
@ApplicationScoped
public class SanctionService {

    private final SanctionRepository sanctions;
    private final CaseService cases;
    private final NormRepository norms;
    private final MemberRecordRepository members;
    private final NetworkRulesService networks;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    SanctionService(SanctionRepository sanctions, CaseService cases, NormRepository norms, MemberRecordRepository members,
                    NetworkRulesService networks, Outbox outbox, AuditLog audit, Clock clock) {
        this.sanctions = sanctions;
        this.cases = cases;
        this.norms = norms;
        this.members = members;
        this.networks = networks;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rung the ladder recommends for an upheld case, with its reasoning. */
    @WithSession
    public Uni<SanctionLadder.Recommendation> recommend(UUID networkId, UUID caseId) {
        return cases.get(networkId, caseId).chain(c -> {
            if (c.status != CaseStatus.UPHELD) {
                throw ProblemException.invalidTransition("case " + c.id, c.status, "a sanction follows an upheld case");
            }
            return recommend(c);
        });
    }

    private Uni<SanctionLadder.Recommendation> recommend(BreachCase c) {
        return networks.get(c.networkId).chain(rules -> norms.findById(c.normId).chain(norm ->
                sanctions.counting(c.networkId, c.subjectMemberId, cutOff(rules)).map(counting ->
                        SanctionLadder.recommend(steps(rules), counting.size(), rules.forgivenessDays, norm.severity, norm.code))));
    }

    /** What the audit log keeps of an applied sanction (not its reasons or its note to the member). */
    public record Applied(UUID sanction, UUID caseId, SanctionRung rung, SanctionRung recommended, Instant endsAt) {
    }

    /** Applies the recommended rung, or another with a reason; a suspension's length follows the ladder. */
    @WithTransaction
    public Uni<Sanction> apply(UUID networkId, UUID caseId, UUID organiser, CaseDtos.SanctionRequest request) {
        return cases.get(networkId, caseId).chain(c -> {
            ReviewerPolicy.mayReview(c, organiser).orThrow();
            if (c.status != CaseStatus.UPHELD) {
                throw ProblemException.invalidTransition("case " + c.id, c.status, "a sanction follows an upheld case");
            }
            return Sanction.<Sanction>find("caseId", c.id).firstResult().chain(existing -> {
                if (existing != null) {
                    Verdict.refuse("one-sanction-per-case", "This case was already sanctioned.").orThrow();
                }
                return members.inNetwork(networkId, c.subjectMemberId);
            }).chain(subject -> {
                if (subject == null || !subject.isMember()) {
                    Verdict.refuse("sanction-members-only", "Only a current member of the network can be sanctioned.").orThrow();
                }
                return recommend(c);
            }).chain(recommendation -> networks.get(networkId).chain(rules -> {
                if (!Arrays.asList(rules.ladder).contains(request.rung().name())) {
                    throw ProblemException.invalidField("rung", "is not on this network's ladder " + Arrays.toString(rules.ladder));
                }
                boolean other = request.rung() != recommendation.rung();
                if (other && (request.reason() == null || request.reason().isBlank())) {
                    throw ProblemException.invalidField("reason", "choosing another rung than the recommended "
                            + recommendation.rung() + " needs a reason");
                }
                return suspensionDays(c, rules, request.rung(), recommendation).chain(days -> {
                    Instant now = clock.instant();
                    Sanction s = new Sanction();
                    s.id = Ids.next();
                    s.networkId = networkId;
                    s.caseId = c.id;
                    s.memberId = c.subjectMemberId;
                    s.rung = request.rung();
                    s.recommendedRung = recommendation.rung();
                    s.overrideReason = other ? request.reason() : null;
                    s.reasoning = recommendation.reasoning();
                    s.noteToMember = request.noteToMember();
                    s.appliedBy = organiser;
                    s.appliedAt = now;
                    s.endsAt = days == null ? null : now.plus(Duration.ofDays(days));
                    s.appealUntil = now.plus(Duration.ofDays(rules.appealWindowDays));
                    return s.persist().chain(() -> cases.history(c, organiser, "SANCTIONED", s.rung
                                    + (days == null ? "" : " (" + days + " days)") + (other ? ": " + request.reason() : "")))
                            .chain(() -> outbox.add(NormsEvents.SANCTION_APPLIED, networkId, "sanctions/" + s.id,
                                    NormEventPayloads.applied(s)))
                            .chain(() -> audit.record(networkId, "sanction.applied", "member", s.memberId, null,
                                    new Applied(s.id, s.caseId, s.rung, s.recommendedRung, s.endsAt)))
                            .replaceWith(s);
                });
            }));
        });
    }

    /** The sanctioned member appeals, once per sanction, until its deadline (the network's window when applied). */
    @WithTransaction
    public Uni<Appeal> appeal(UUID networkId, UUID sanctionId, UUID member, String text) {
        return get(networkId, sanctionId).chain(s -> sanctions.appealOf(s.id).chain(existing -> {
            AppealPolicy.mayAppeal(s, member, existing != null, clock.instant()).orThrow();
            Appeal a = new Appeal();
            a.id = Ids.next();
            a.networkId = networkId;
            a.sanctionId = s.id;
            a.memberId = member;
            a.text = text;
            a.status = AppealStatus.OPEN;
            a.filedAt = clock.instant();
            return a.persist().chain(() -> cases.get(networkId, s.caseId))
                    .chain(c -> cases.history(c, member, "APPEALED", null)).replaceWith(a);
        }));
    }

    /** Another organiser than the one who sanctioned decides; upheld lifts the sanction and expunges it. */
    @WithTransaction
    public Uni<Appeal> decideAppeal(UUID networkId, UUID appealId, UUID organiser, CaseDtos.AppealDecision decision) {
        return sanctions.appeal(networkId, appealId).onItem().ifNull().failWith(() -> ProblemException.notFound("appeal", appealId))
                .chain(a -> get(networkId, a.sanctionId).chain(s -> {
                    if (a.status != AppealStatus.OPEN) {
                        throw ProblemException.invalidTransition("appeal " + a.id, a.status, "an appeal is decided once");
                    }
                    AppealPolicy.mayDecide(s, organiser).orThrow();
                    Instant now = clock.instant();
                    a.status = decision.outcome() == AppealOutcome.UPHELD ? AppealStatus.UPHELD : AppealStatus.REJECTED;
                    a.decidedBy = organiser;
                    a.decidedAt = now;
                    a.decisionReason = decision.reason();
                    if (a.status == AppealStatus.UPHELD) {
                        s.liftedAt = now;
                        s.expunged = true;
                    }
                    return sanctions.flush().chain(() -> cases.get(networkId, s.caseId)).chain(c ->
                            cases.history(c, organiser, "APPEAL_" + a.status.name(), decision.reason())
                                    .chain(() -> outbox.add(NormsEvents.APPEAL_DECIDED, networkId, "appeals/" + a.id,
                                            NormEventPayloads.appealDecided(a, s, c)))
                                    .chain(() -> a.status == AppealStatus.UPHELD
                                            ? outbox.add(NormsEvents.SANCTION_LIFTED, networkId, "sanctions/" + s.id,
                                            new SanctionLifted(networkId, s.id, s.memberId, s.rung, LiftReason.APPEAL_UPHELD, true, now))
                                            : Uni.createFrom().item(a.id)))
                            .chain(() -> audit.record(networkId, "appeal.decided", "member", s.memberId,
                                    Map.of("appeal", a.id, "status", AppealStatus.OPEN),
                                    Map.of("appeal", a.id, "status", a.status, "sanctionLifted", s.liftedAt != null)))
                            .replaceWith(a);
                }));
    }

    @WithSession
    public Uni<Sanction> get(UUID networkId, UUID sanctionId) {
        return sanctions.inNetwork(networkId, sanctionId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("sanction", sanctionId));
    }

    @WithSession
    public Uni<Page<Sanction>> list(UUID networkId, UUID memberId, PageRequest page) {
        return sanctions.page(networkId, memberId, page).map(rows -> Page.of(rows, page, s -> s.id.toString(), s -> s));
    }

    @WithSession
    public Uni<Appeal> getAppeal(UUID networkId, UUID appealId) {
        return sanctions.appeal(networkId, appealId).onItem().ifNull().failWith(() -> ProblemException.notFound("appeal", appealId));
    }

    @WithSession
    public Uni<Page<Appeal>> appeals(UUID networkId, PageRequest page) {
        return sanctions.appeals(networkId, page).map(rows -> Page.of(rows, page, a -> a.id.toString(), a -> a));
    }

    private Uni<Integer> suspensionDays(BreachCase c, NetworkRules rules, SanctionRung chosen,
                                        SanctionLadder.Recommendation recommendation) {
        if (chosen != SanctionRung.TEMPORARY_SUSPENSION) {
            return Uni.createFrom().nullItem();
        }
        if (recommendation.rung() == SanctionRung.TEMPORARY_SUSPENSION) {
            return Uni.createFrom().item(recommendation.suspensionDays());
        }
        return sanctions.suspensionsCounting(c.networkId, c.subjectMemberId, cutOff(rules))
                .map(earlier -> SanctionLadder.suspensionDays(List.of(rules.suspensionDays), earlier.intValue()));
    }

    private Instant cutOff(NetworkRules rules) {
        return clock.instant().minus(Duration.ofDays(rules.forgivenessDays));
    }

    private static List<SanctionLadder.Step> steps(NetworkRules rules) {
        return SanctionLadder.steps(Arrays.stream(rules.ladder).map(SanctionRung::valueOf).toList(), List.of(rules.suspensionDays));
    }
}
