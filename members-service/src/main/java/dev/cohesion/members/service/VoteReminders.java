package dev.cohesion.members.service;

import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.norms.NormChangeVoteCast;
import dev.cohesion.events.norms.NormChangeVoteClosing;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.repository.NormChangeVoterRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Reminders that a norm-change vote closes (docs/notifications.md): norms-service tells who voted and when a vote
 * closes soon; the reminder goes to the active members who have not voted, in the consumer's transaction.
 */
@ApplicationScoped
public class VoteReminders {

    private final Notices notices;
    private final NormChangeVoterRepository voters;

    VoteReminders(Notices notices, NormChangeVoterRepository voters) {
        this.notices = notices;
        this.voters = voters;
    }

    /**
     * A member voted: idempotent, a redelivered vote changes nothing. False when the network has no such member (the
     * caller dead-letters the event).
     */
    public Uni<Boolean> voted(NormChangeVoteCast vote) {
        return voters.record(vote.networkId(), vote.proposalId(), vote.memberId());
    }

    /** The vote closes soon: a notice to every active member who has not voted; false for an unknown network. */
    public Uni<Boolean> closing(NormChangeVoteClosing vote) {
        return notices.fanOut(vote.networkId(), NoticeKind.VOTE_CLOSING, "norm-changes/" + vote.proposalId(),
                NoticeFanout.Audience.ACTIVE_WITHOUT_VOTE, vote.proposalId(), null);
    }

    /**
     * The vote is decided: reminders not issued yet are not, and who voted is forgotten. The session is flushed first,
     * so that a reminder's fan-out written earlier in the same batch is ended too.
     */
    public Uni<Void> decided(UUID proposalId) {
        return Panache.getSession().chain(s -> s.flush()).chain(() -> notices.endFanOuts(proposalId))
                .chain(() -> voters.forget(proposalId));
    }
}
