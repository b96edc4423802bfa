package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a case's audit trail: who did what, when, and why. */
@Entity
@Table(name = "case_history")
public class CaseHistory extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public Instant at;
    @Column(name = "actor_id")
    public UUID actorId;
    /** REPORTED, CLAIMED, UPHELD, DISMISSED, SANCTIONED, APPEALED, APPEAL_UPHELD, APPEAL_REJECTED */
    public String action;
    public String note;
}
