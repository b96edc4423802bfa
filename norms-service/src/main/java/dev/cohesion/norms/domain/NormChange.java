package dev.cohesion.norms.domain;

import dev.cohesion.events.norms.NormChangeKind;
import dev.cohesion.events.norms.Severity;
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

/** A proposal to ADD, AMEND or RETIRE a norm, voted by the active members within a window. */
@Entity
@Table(name = "norm_change")
public class NormChange extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Enumerated(EnumType.STRING)
    public NormChangeKind kind;
    /** The norm amended or retired; for ADD, the norm created once adopted. */
    @Column(name = "norm_id")
    public UUID normId;
    public String code;
    public String title;
    public String text;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String rationale;
    @Enumerated(EnumType.STRING)
    public ChangeStatus status;
    @Column(name = "proposed_by")
    public UUID proposedBy;
    @Column(name = "suggestion_id")
    public UUID suggestionId;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** When members-service was asked to remind those who have not voted (once). */
    @Column(name = "closing_reminded_at")
    public Instant closingRemindedAt;
    public Integer eligible;
    @Column(name = "votes_for")
    public Integer votesFor;
    @Column(name = "votes_against")
    public Integer votesAgainst;
    public Integer abstentions;
    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
