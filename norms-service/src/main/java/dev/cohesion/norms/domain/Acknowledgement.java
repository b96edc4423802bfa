package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A member acknowledged a version of the norm book; a new version needs a new acknowledgement. */
@Entity
@IdClass(Acknowledgement.Key.class)
public class Acknowledgement extends PanacheEntityBase {

    @Id
    @Column(name = "network_id")
    public UUID networkId;
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Id
    @Column(name = "book_version")
    public int bookVersion;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    public static class Key implements Serializable {
        public UUID networkId;
        public UUID memberId;
        public int bookVersion;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.networkId.equals(networkId) && k.memberId.equals(memberId)
                    && k.bookVersion == bookVersion;
        }

        @Override
        public int hashCode() {
            return Objects.hash(networkId, memberId, bookVersion);
        }
    }
}
