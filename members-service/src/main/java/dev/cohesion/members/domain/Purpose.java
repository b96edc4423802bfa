package dev.cohesion.members.domain;

import dev.cohesion.events.members.RejectionReason;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** One version of a network's purpose statement and its consultation. */
@Entity
public class Purpose extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    /** 1, 2, 3... per network. */
    public int number;
    public String statement;
    @Enumerated(EnumType.STRING)
    public PurposeStatus status;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** When the members without a stance were reminded that the consultation closes soon (once). */
    @Column(name = "closing_reminded_at")
    public Instant closingRemindedAt;
    @Column(name = "tally_active")
    public Integer tallyActive;
    @Column(name = "tally_endorse")
    public Integer tallyEndorse;
    @Column(name = "tally_object")
    public Integer tallyObject;
    @Column(name = "tally_abstain")
    public Integer tallyAbstain;
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    public RejectionReason rejectionReason;
    @Column(name = "superseded_by")
    public UUID supersededBy;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Stances are taken while the consultation is open, and on the current purpose after its adoption. */
    public boolean acceptsStances(Instant now) {
        return (status == PurposeStatus.IN_CONSULTATION && !now.isBefore(opensAt) && now.isBefore(closesAt))
                || status == PurposeStatus.ADOPTED;
    }
}
