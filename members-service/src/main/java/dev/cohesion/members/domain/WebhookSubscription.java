package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A partner's webhook endpoint in a network: where to deliver which event types, signed with which secret (and,
 * for a while after a rotation, the previous one too). Disabled by hand or after deliveries kept failing.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    public enum Status { ACTIVE, DISABLED }

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "partner_id")
    public UUID partnerId;
    public String url;
    /** WebhookEventType names. */
    @Column(name = "event_types")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] eventTypes;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
    public String status;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;

    public List<WebhookEventType> types() {
        return Arrays.stream(eventTypes).map(WebhookEventType::valueOf).toList();
    }

    public boolean active() {
        return Status.ACTIVE.name().equals(status);
    }

    /** A new secret signs from now on; the current one is also sent until {@code until}. */
    public void rotate(String newSecret, Instant until) {
        previousSecret = secret;
        previousSecretUntil = until;
        secret = newSecret;
    }

    public void disable(String reason, Instant at) {
        status = Status.DISABLED.name();
        disabledReason = reason;
        disabledAt = at;
    }

    public void enable() {
        status = Status.ACTIVE.name();
        disabledReason = null;
        disabledAt = null;
    }
}
