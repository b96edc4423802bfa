package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A removed member's appeal against their direct removal by an organiser: the same window as a sanction's appeal,
 * decided by another organiser. A removal by sanction is appealed in norms-service, against the sanction.
 */
@Entity
@Table(name = "removal_appeal")
public class RemovalAppeal extends PanacheEntityBase {

    public enum Status { PENDING, UPHELD, REJECTED }

    /** How long after the removal the member may appeal (as for sanctions, docs/security.md). */
    public static final Duration WINDOW = Duration.ofDays(20);

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "removed_at")
    public Instant removedAt;
    @Column(name = "removed_by")
    public UUID removedBy;
    public String text;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "filed_at")
    public Instant filedAt;
    @Column(name = "decided_by")
    public UUID decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Version
    public long version;
}
