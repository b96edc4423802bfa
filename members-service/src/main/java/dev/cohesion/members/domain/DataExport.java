package dev.cohesion.members.domain;

import dev.cohesion.events.members.MemberExportRequested;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A member's request for a copy of their data: complete once every other service's part has arrived
 * (docs/privacy.md). Kept a week, then deleted with its parts.
 */
@Entity
@Table(name = "data_export")
public class DataExport extends PanacheEntityBase {

    /** How long an export (and its document) is kept after the request. */
    public static final Duration KEPT = Duration.ofDays(7);

    @Schema(name = "DataExportStatus")
    public enum Status {
        /** Parts are still awaited. */
        PENDING,
        /** Every part arrived: the document is ready. */
        COMPLETE,
        /** A part did not arrive in time ({@link MemberExportRequested#ANSWERED_WITHIN}); ask again. */
        EXPIRED
    }

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "requested_at")
    public Instant requestedAt;
    /** norms-service's part, its event payload as JSON. */
    @Column(name = "norms_part")
    public String normsPart;
    /** metrics-service's part. */
    @Column(name = "metrics_part")
    public String metricsPart;
    @Column(name = "completed_at")
    public Instant completedAt;

    public Status status(Instant now) {
        if (completedAt != null) {
            return Status.COMPLETE;
        }
        return requestedAt.plus(MemberExportRequested.ANSWERED_WITHIN).isAfter(now) ? Status.PENDING : Status.EXPIRED;
    }

    public Instant expiresAt() {
        return requestedAt.plus(KEPT);
    }
}
