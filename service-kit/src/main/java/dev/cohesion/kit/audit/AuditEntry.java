package dev.cohesion.kit.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the audit log (table audit_entry, created by the kit's migration V0_4; append-only). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "network_id")
    public UUID networkId;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "actor_role", nullable = false)
    public String actorRole;

    @Column(name = "actor_member_id")
    public UUID actorMemberId;

    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(nullable = false)
    public String action;

    @Column(name = "target_type", nullable = false)
    public String targetType;

    @Column(name = "target_id", nullable = false)
    public String targetId;

    /** JSON of the fields the action changed, as they were; null when the action created the target. */
    @Column(name = "before_state")
    public String before;

    /** JSON of the same fields, as the action left them. */
    @Column(name = "after_state")
    public String after;
}
