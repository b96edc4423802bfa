package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner organisation registered for a network: the OAuth client it signs in with (client credentials at the
 * identity provider, made there by hand or by members-service), what it may do (scopes), who registered it and when;
 * revoked, it is kept for the record.
 */
@Entity
public class Partner extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    public String name;
    public String issuer;
    @Column(name = "client_id")
    public String clientId;
    /** PartnerScope names, for example ACTIVITIES_WRITE. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopes;
    @Column(name = "registered_by")
    public UUID registeredBy;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "revoked_by")
    public UUID revokedBy;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    /** Whether members-service created the client at the identity provider (else it was made there by hand). */
    @Column(name = "client_provisioned")
    public boolean clientProvisioned;
    /** When the created client was disabled at the identity provider, after the revocation. */
    @Column(name = "client_disabled_at")
    public Instant clientDisabledAt;
    @Version
    public long version;

    public boolean revoked() {
        return revokedAt != null;
    }
}
