package dev.cohesion.members.domain;

import dev.cohesion.events.members.Stance;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member's current stance on a purpose version (changed in place until the consultation closes). */
@Entity
@Table(name = "stance")
public class StanceRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "purpose_id")
    public UUID purposeId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "network_id")
    public UUID networkId;
    @Enumerated(EnumType.STRING)
    public Stance stance;
    public String reason;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
