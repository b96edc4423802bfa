package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** The sanctioned member's appeal: one per sanction. */
@Entity
public class Appeal extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "sanction_id")
    public UUID sanctionId;
    @Column(name = "member_id")
    public UUID memberId;
    public String text;
    @Enumerated(EnumType.STRING)
    public AppealStatus status;
    @Column(name = "filed_at")
    public Instant filedAt;
    @Column(name = "decided_by")
    public UUID decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
