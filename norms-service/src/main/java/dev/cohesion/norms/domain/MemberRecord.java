package dev.cohesion.norms.domain;

import dev.cohesion.events.members.MemberStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import java.time.Instant;
import java.util.UUID;

/** Projection of a member (cohesion.members.v1): who is an active member, who organises; no personal data. */
@Entity
@Table(name = "member")
public class MemberRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    /** From member_identity, the one table of personal data kept from the profiles topic; erased members show as such. */
    @Formula("coalesce((select i.display_name from member_identity i where i.member_id = id), 'Erased member')")
    public String displayName;
    @Enumerated(EnumType.STRING)
    public MemberStatus status;
    public boolean organiser;
    @Column(name = "joined_at")
    public Instant joinedAt;

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    /** Still in the network, active or suspended: can be reported and sanctioned. */
    public boolean isMember() {
        return status == MemberStatus.ACTIVE || status == MemberStatus.SUSPENDED;
    }
}
