package dev.cohesion.members.domain;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A person's membership of one network, from application or invitation to exit; never deleted. */
@Entity
public class Member extends PanacheEntityBase {

    public static final String ERASED_NAME = "Erased member";

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    /** The issuer of the person's tokens: with {@link #subject}, who signs in as this member. */
    @Column(name = "user_issuer")
    public String issuer;
    /** The person's subject at {@link #issuer}; null for an invitation not yet accepted and after erasure. */
    @Column(name = "user_id")
    public String subject;
    @Column(name = "display_name")
    public String displayName;
    public String email;
    public String organisation;
    @Enumerated(EnumType.STRING)
    public Constituency constituency;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] interests;
    /** Profile fields the member consents to show to the network's partners (see {@link SharedField}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "shared_with_partners")
    public String[] sharedWithPartners;
    /** The member lets the network's partners match them by {@link #email}, which they verified when they allowed it. */
    @Column(name = "email_matching")
    public boolean emailMatching;
    public boolean organiser;
    @Enumerated(EnumType.STRING)
    public MemberStatus status;
    /** Why the status is what it is: an exit reason, SANCTION, a decline reason... */
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "status_note")
    public String statusNote;
    @Column(name = "suspended_until")
    public Instant suspendedUntil;
    /** The norms-service sanction that suspended or removed the member. */
    @Column(name = "sanction_id")
    public UUID sanctionId;
    @Column(name = "application_note")
    public String applicationNote;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "left_at")
    public Instant leftAt;
    @Column(name = "erased_at")
    public Instant erasedAt;
    /** The organiser who removed this member directly (their appeal goes to another one); null otherwise. */
    @Column(name = "removed_by")
    public UUID removedBy;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
