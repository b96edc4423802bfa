package dev.cohesion.norms.service;

import dev.cohesion.events.norms.NormChangeKind;
import dev.cohesion.events.norms.NormChangeVoteCast;
import dev.cohesion.events.norms.NormChangeVoteClosing;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.VoteOutcome;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.norms.config.NormsConfig;
import dev.cohesion.norms.domain.ChangeStatus;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.NormStatus;
import dev.cohesion.norms.domain.Vote;
import dev.cohesion.norms.domain.VotePolicy;
import dev.cohesion.norms.events.NormEventPayloads;
import dev.cohesion.norms.repository.ChangeRepository;
import dev.cohesion.norms.repository.MemberRecordRepository;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.rest.ChangeDtos;
import dev.cohesion.norms.rest.NormDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Norm changes by the members: a proposal to add, amend or retire a norm, voted FOR, AGAINST or ABSTAIN by the
 * active members within a window, decided by the network's quorum and threshold; an adopted change makes the new
 * norm-book version.
 */
@ApplicationScoped
public class NormChangeService {

    private final ChangeRepository changes;
    private final NormRepository norms;
    private final MemberRecordRepository members;
    private final NetworkRulesService networks;
    private final NormBookService book;
    private final Outbox outbox;
    private final AuditLog audit;
    private final NormsConfig config;
    private final Clock clock;

    NormChangeService(ChangeRepository changes, NormRepository norms, MemberRecordRepository members,
                      NetworkRulesService networks, NormBookService book, Outbox outbox, AuditLog audit, NormsConfig config,
                      Clock clock) {
        this.config = config;
        this.changes = changes;
        this.norms = norms;
        this.members = members;
        this.networks = networks;
        this.book = book;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<NormChange> propose(UUID networkId, UUID proposer, ChangeDtos.Proposal p, UUID suggestionId) {
        Instant now = clock.instant();
        if (!p.closesAt().isAfter(now)) {
            throw ProblemException.invalidField("closesAt", "must be in the future");
        }
        if (p.kind() != NormChangeKind.RETIRE && (blank(p.title()) || blank(p.text()) || blank(p.category()) || p.severity() == null)) {
            throw ProblemException.invalidField("title", "an " + p.kind() + " proposal gives title, text, category and severity");
        }
        return members.inNetwork(networkId, proposer).chain(m -> {
            VotePolicy.mayVote(m).orThrow();
            if (p.kind() == NormChangeKind.ADD) {
                if (blank(p.code())) {
                    throw ProblemException.invalidField("code", "an ADD proposal names the new norm's code");
                }
                return norms.codeTaken(networkId, p.code()).map(taken -> {
                    if (taken) {
                        throw ProblemException.conflict("The network already has a norm " + p.code() + ".");
                    }
                    return p.code();
                });
            }
            if (p.normId() == null) {
                throw ProblemException.invalidField("normId", "an " + p.kind() + " proposal names the norm");
            }
            return norms.inNetwork(networkId, p.normId()).map(n -> {
                if (n == null) {
                    throw ProblemException.notFound("norm", p.normId());
                }
                if (n.status != NormStatus.ACTIVE) {
                    throw ProblemException.invalidTransition("norm " + n.code, n.status, "only active norms are amended or retired");
                }
                return n.code;
            });
        }).chain(code -> {
            NormChange c = new NormChange();
            c.id = Ids.next();
            c.networkId = networkId;
            c.kind = p.kind();
            c.normId = p.normId();
            c.code = code;
            c.title = p.title();
            c.text = p.text();
            c.category = p.category();
            c.severity = p.severity();
            c.rationale = p.rationale();
            c.status = ChangeStatus.VOTING;
            c.proposedBy = proposer;
            c.suggestionId = suggestionId;
            c.openedAt = now;
            c.closesAt = p.closesAt();
            return changes.persist(c).chain(() -> outbox.add(NormsEvents.NORM_CHANGE_PROPOSED, networkId, "norm-changes/" + c.id,
                    NormEventPayloads.proposed(c))).replaceWith(c);
        });
    }

    @WithTransaction
    public Uni<Vote> vote(UUID networkId, UUID changeId, UUID voter, Vote.Choice choice) {
        return members.inNetwork(networkId, voter).chain(m -> {
            VotePolicy.mayVote(m).orThrow();
            return change(networkId, changeId);
        }).chain(c -> {
            VotePolicy.requireOpen(c, clock.instant());
            return changes.vote(changeId, voter);
        }).chain(existing -> {
            Vote v = existing != null ? existing : new Vote();
            v.changeId = changeId;
            v.memberId = voter;
            v.choice = choice;
            v.votedAt = clock.instant();
            // who voted is published once (members-service reminds only the others); how, never
            return existing != null ? changes.flush().replaceWith(v) : v.persist().chain(() -> outbox.add(
                    NormsEvents.NORM_CHANGE_VOTE_CAST, networkId, "norm-changes/" + changeId,
                    new NormChangeVoteCast(networkId, changeId, voter, v.votedAt))).replaceWith(v);
        });
    }

    @WithTransaction
    public Uni<NormChange> closeEarly(UUID networkId, UUID changeId) {
        return change(networkId, changeId).chain(c -> {
            if (c.status != ChangeStatus.VOTING) {
                throw ProblemException.invalidTransition("proposal " + c.id, c.status, "the vote is already closed");
            }
            return decide(c).call(decided -> audit.record(networkId, "norm-change.closed", "norm-change", c.id,
                    Map.of("status", ChangeStatus.VOTING), Map.of("status", decided.status)));
        });
    }

    /**
     * Asks members-service, once per vote, to remind the active members who have not voted that the vote closes
     * within the reminder window. The mark is a plain update (not a new row version: a vote cast meanwhile stays
     * valid), and only the instance whose update marked it publishes.
     */
    @WithTransaction
    public Uni<Void> remindClosing() {
        Instant now = clock.instant();
        return changes.dueForReminder(now, now.plus(config.voteClosingReminder()), 50).chain(due -> InOrder.each(due, (NormChange c) ->
                changes.markReminded(c.id, now).chain(marked -> marked == 0 ? Uni.createFrom().voidItem()
                        : outbox.add(NormsEvents.NORM_CHANGE_VOTE_CLOSING, c.networkId, "norm-changes/" + c.id,
                        new NormChangeVoteClosing(c.networkId, c.id, c.code, c.closesAt, now)).replaceWithVoid())));
    }

    /** Closes a vote whose time came (scheduler); the status check and row version decide it once. */
    @WithTransaction
    public Uni<NormChange> closeIfDue(UUID changeId) {
        return changes.findById(changeId).chain(c -> c == null || c.status != ChangeStatus.VOTING || c.closesAt.isAfter(clock.instant())
                ? Uni.createFrom().nullItem() : decide(c));
    }

    private Uni<NormChange> decide(NormChange c) {
        return networks.get(c.networkId).chain(rules -> members.countActive(c.networkId).chain(eligible ->
                changes.countsAmongActive(c.id).chain(counts -> {
                    c.eligible = eligible.intValue();
                    c.votesFor = counts.get(Vote.Choice.FOR);
                    c.votesAgainst = counts.get(Vote.Choice.AGAINST);
                    c.abstentions = counts.get(Vote.Choice.ABSTAIN);
                    c.decidedAt = clock.instant();
                    VoteOutcome outcome = VotePolicy.decide(c.eligible, c.votesFor, c.votesAgainst, c.abstentions,
                            rules.voteQuorum, rules.voteThreshold);
                    c.status = outcome == VoteOutcome.ADOPTED ? ChangeStatus.ADOPTED : ChangeStatus.REJECTED;
                    Uni<Void> effect = outcome == VoteOutcome.ADOPTED ? applyChange(c) : Uni.createFrom().voidItem();
                    return changes.flush().chain(() -> effect)
                            .chain(() -> outbox.add(NormsEvents.NORM_CHANGE_DECIDED, c.networkId, "norm-changes/" + c.id,
                                    NormEventPayloads.changeDecided(c))).replaceWith(c);
                })));
    }

    private Uni<Void> applyChange(NormChange c) {
        NormDtos.NormText text = new NormDtos.NormText(c.title, c.text, c.category, c.severity);
        return switch (c.kind) {
            case ADD -> book.add(c.networkId, c.code, text).invoke(n -> c.normId = n.id).replaceWithVoid();
            case AMEND -> norms.findById(c.normId).chain(n -> book.amend(n, text)).replaceWithVoid();
            case RETIRE -> norms.findById(c.normId).chain(book::retire).replaceWithVoid();
        };
    }

    @WithSession
    public Uni<NormChange> change(UUID networkId, UUID changeId) {
        return changes.inNetwork(networkId, changeId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("norm change", changeId));
    }

    @WithSession
    public Uni<Page<NormChange>> list(UUID networkId, PageRequest page) {
        return networks.get(networkId).chain(n -> changes.page(networkId, page))
                .map(rows -> Page.of(rows, page, c -> c.id.toString(), c -> c));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
