package dev.cohesion.members.service;

import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.norms.NormChangeVoteCast;
import dev.cohesion.events.norms.NormChangeVoteClosing;
import dev.cohesion.members.domain.NoticeFanout;
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

    VoteReminders(Notices notices) {
        this.notices = notices;
    }

    /** A member voted: idempotent, a redelivered vote changes nothing. */
    public Uni<Void> voted(NormChangeVoteCast vote) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into norm_change_voter (proposal_id, member_id, network_id) values (:proposal, :member, :network)
                        on conflict do nothing""")
                .setParameter("proposal", vote.proposalId()).setParameter("member", vote.memberId())
                .setParameter("network", vote.networkId()).executeUpdate()).replaceWithVoid();
    }

    /** The vote closes soon: a notice to every active member who has not voted; false for an unknown network. */
    public Uni<Boolean> closing(NormChangeVoteClosing vote) {
        return notices.fanOut(vote.networkId(), NoticeKind.VOTE_CLOSING, "norm-changes/" + vote.proposalId(),
                NoticeFanout.Audience.ACTIVE_WITHOUT_VOTE, vote.proposalId(), null);
    }

    /** The vote is decided: reminders not issued yet are not, and who voted is forgotten. */
    public Uni<Void> decided(UUID proposalId) {
        return notices.endFanOuts(proposalId).chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "delete from norm_change_voter where proposal_id = :proposal").setParameter("proposal", proposalId).executeUpdate()))
                .replaceWithVoid();
    }
}
