package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner's own identifier for a member (its user id, handle or account number), made by the partner from the
 * member's verified e-mail with their consent; the member sees it and may revoke it. Revoked links are kept.
 */
@Entity
@Table(name = "member_link")
public class MemberLink extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "partner_id")
    public UUID partnerId;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "linked_at")
    public Instant linkedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by")
    public UUID revokedBy;

    public boolean inForce() {
        return revokedAt == null;
    }
}
