package dev.cohesion.norms.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** metrics-service suggests reviewing a norm; an organiser confirms it as a proposal, or not. */
@Entity
@Table(name = "review_suggestion")
public class ReviewSuggestion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "norm_id")
    public UUID normId;
    @Column(name = "norm_code")
    public String normCode;
    /** BREACHED_OFTEN or OFTEN_OVERTURNED */
    public String reason;
    /** JSON of the figures that triggered the suggestion. */
    public String figures;
    @Column(name = "suggested_at")
    public Instant suggestedAt;
    /** PENDING until an organiser turns it into a proposal (PROPOSED). */
    public String status;
    @Column(name = "proposal_id")
    public UUID proposalId;
}
