package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A member who has voted on an open norm-change proposal, as norms-service tells (who, never how): the vote's closing
 * reminder goes to the other active members. Kept until the vote is decided.
 */
@Entity
@Table(name = "norm_change_voter")
@IdClass(NormChangeVoter.Key.class)
public class NormChangeVoter extends PanacheEntityBase {

    @Id
    @Column(name = "proposal_id")
    public UUID proposalId;
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "network_id")
    public UUID networkId;

    public static class Key implements Serializable {
        public UUID proposalId;
        public UUID memberId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.proposalId.equals(proposalId) && k.memberId.equals(memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(proposalId, memberId);
        }
    }
}
