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
 * identity provider), what it may do (scopes), who registered it and when; revoked, it is kept for the record.
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
    @Version
    public long version;

    public boolean revoked() {
        return revokedAt != null;
    }
}
