package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A CSV of people to invite (docs/bulk-invitations.md), with its progress. Its rows are {@link InvitationImportRow}. */
@Entity
@Table(name = "invitation_import")
public class InvitationImport extends PanacheEntityBase {

    public enum Status { RUNNING, DONE }

    /** Most rows a file may hold. */
    public static final int MAX_ROWS = 10_000;

    @Id
    public UUID id;
    @Column(name = "network_id")
    public UUID networkId;
    @Column(name = "content_sha256")
    public String contentSha256;
    @Column(name = "requested_by")
    public UUID requestedBy;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int total;
    public int processed;
    public int invited;
    @Column(name = "already_member")
    public int alreadyMember;
    public int invalid;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Counts one processed row. */
    public void count(InvitationImportRow.Result result) {
        processed++;
        switch (result) {
            case INVITED -> invited++;
            case ALREADY_MEMBER -> alreadyMember++;
            case INVALID -> invalid++;
        }
    }
}
