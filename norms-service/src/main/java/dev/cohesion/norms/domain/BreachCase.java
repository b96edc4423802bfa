package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A breach report and the case it opens. The reporter's identity is never shown to the subject. */
@Entity
@Table(name = "breach_case")
public class BreachCase extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "norm_id")
    public UUID normId;
    @Column(name = "norm_version")
    public int normVersion;
    @Column(name = "subject_member_id")
    public UUID subjectMemberId;
    @Column(name = "reporter_member_id")
    public UUID reporterMemberId;
    public String description;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Column(name = "reviewer_member_id")
    public UUID reviewerMemberId;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
