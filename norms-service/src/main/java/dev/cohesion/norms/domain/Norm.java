package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.Severity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A norm of behaviour; its text is versioned ({@link NormVersion}) and breach reports cite a version. */
@Entity
public class Norm extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    /** Short reference, e.g. N-03. */
    public String code;
    public String title;
    public String text;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public NormStatus status;
    /** The current text version, 1, 2, ... */
    public int version;
    @Version
    @Column(name = "row_version")
    public long rowVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
