package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.Severity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One text version of a norm, kept for ever: cases cite it and the book's past versions show it. */
@Entity
@Table(name = "norm_version")
@IdClass(NormVersion.Key.class)
public class NormVersion extends PanacheEntityBase {

    @Id
    @Column(name = "norm_id")
    public UUID normId;
    @Id
    public int version;
    public String title;
    public String text;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "created_at")
    public Instant createdAt;

    public static NormVersion of(Norm n, Instant at) {
        NormVersion v = new NormVersion();
        v.normId = n.id;
        v.version = n.version;
        v.title = n.title;
        v.text = n.text;
        v.category = n.category;
        v.severity = n.severity;
        v.createdAt = at;
        return v;
    }

    public static class Key implements Serializable {
        public UUID normId;
        public int version;

        public Key() {
        }

        public Key(UUID normId, int version) {
            this.normId = normId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.normId.equals(normId) && k.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(normId, version);
        }
    }
}
