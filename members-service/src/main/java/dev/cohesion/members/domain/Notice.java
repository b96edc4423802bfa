package dev.cohesion.members.domain;

import dev.cohesion.events.members.NoticeKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A notice to one member (docs/notifications.md): what it is about, and whether and how it was e-mailed. */
@Entity
public class Notice extends PanacheEntityBase {

    /** Where a notice's e-mail stands. */
    public enum Status {
        /** Waiting for the sender (or, for a digest, for the member's next digest). */
        PENDING,
        /** Claimed by a sender; a row left here by a crash is not resent (it may have gone out) but marked FAILED. */
        SENDING,
        SENT,
        FAILED,
        /** Recorded and published, not e-mailed: the member turned e-mail off, or has no address (erased). */
        NOT_EMAILED
    }

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "member_id")
    public UUID memberId;
    @Enumerated(EnumType.STRING)
    public NoticeKind kind;
    public String about;
    @Enumerated(EnumType.STRING)
    public Status status;
    public boolean digest;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    /** The date the member is asked to act by (a sanction's appeal deadline), when the notice names one. */
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
}
