package dev.cohesion.members.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Who voted on each open norm-change proposal (table norm_change_voter), for the vote-closing reminder. */
@ApplicationScoped
public class NormChangeVoterRepository {

    /** Records that a member of the network voted, once; false when the network has no such member. */
    public Uni<Boolean> record(UUID networkId, UUID proposalId, UUID memberId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        with known as (select id, network_id from member where id = :member and network_id = :network),
                             voted as (insert into norm_change_voter (proposal_id, member_id, network_id)
                                       select :proposal, id, network_id from known on conflict do nothing)
                        select count(*) from known""", Long.class)
                .setParameter("proposal", proposalId).setParameter("member", memberId).setParameter("network", networkId)
                .getSingleResult()).map(known -> known > 0);
    }

    /** Forgets who voted on the proposal. */
    public Uni<Void> forget(UUID proposalId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from norm_change_voter where proposal_id = :proposal")
                .setParameter("proposal", proposalId).executeUpdate()).replaceWithVoid();
    }
}
