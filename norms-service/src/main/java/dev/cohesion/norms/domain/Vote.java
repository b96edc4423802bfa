package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A member's vote on a norm change, changeable until the vote closes. */
@Entity
@IdClass(Vote.Key.class)
public class Vote extends PanacheEntityBase {

    /** FOR, AGAINST or ABSTAIN. */
    public enum Choice { FOR, AGAINST, ABSTAIN }

    @Id
    @Column(name = "change_id")
    public UUID changeId;
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Enumerated(EnumType.STRING)
    public Choice choice;
    @Column(name = "voted_at")
    public Instant votedAt;

    public static class Key implements Serializable {
        public UUID changeId;
        public UUID memberId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.changeId.equals(changeId) && k.memberId.equals(memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(changeId, memberId);
        }
    }
}
