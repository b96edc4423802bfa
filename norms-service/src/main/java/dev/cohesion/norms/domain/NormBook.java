package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A version of the network's norm book: the active norms, each at its text version. Acknowledged by members. */
@Entity
@Table(name = "norm_book")
@IdClass(NormBook.Key.class)
public class NormBook extends PanacheEntityBase {

    @Id
    @Column(name = "network_id")
    public UUID networkId;
    @Id
    public int version;
    /** JSON array of {"normId": ..., "normVersion": ...}, ordered by norm code. */
    public String entries;
    @Column(name = "change_note")
    public String changeNote;
    @Column(name = "published_at")
    public Instant publishedAt;

    /** Whether a network that asks for a new acknowledgement every {@code months} months is due one. */
    public static boolean renewalDue(NormBook current, int months, Instant now) {
        return !current.publishedAt.atZone(ZoneOffset.UTC).plusMonths(months).toInstant().isAfter(now);
    }

    public static class Key implements Serializable {
        public UUID networkId;
        public int version;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.networkId.equals(networkId) && k.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(networkId, version);
        }
    }
}
