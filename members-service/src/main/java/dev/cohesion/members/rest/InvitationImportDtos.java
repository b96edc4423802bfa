package dev.cohesion.members.rest;

import dev.cohesion.members.domain.InvitationImport;
import dev.cohesion.members.domain.InvitationImportRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Bulk invitations (docs/bulk-invitations.md). */
public final class InvitationImportDtos {

    private InvitationImportDtos() {
    }

    @Schema(name = "InvitationImport", description = "A CSV of people to invite, and how far it got.")
    public record View(UUID id, @Schema(description = "RUNNING until every row has its result, then DONE") InvitationImport.Status status,
                       @Schema(example = "250") int total, @Schema(example = "200") int processed,
                       @Schema(example = "180") int invited, @Schema(example = "15") int alreadyMember,
                       @Schema(example = "5") int invalid, Instant createdAt, Instant finishedAt) {

        public static View of(InvitationImport i) {
            return new View(i.id, i.status, i.total, i.processed, i.invited, i.alreadyMember, i.invalid, i.createdAt, i.finishedAt);
        }
    }

    @Schema(name = "InvitationImportRow", description = "One row of the file and what became of it (absent: not yet "
            + "processed). Names and addresses are kept a week after the import finished.")
    public record Row(@Schema(description = "The row's line in the file; the header is line 1", example = "2") int line,
                      String displayName, String email, InvitationImportRow.Result result,
                      @Schema(example = "email: must be a well-formed email address") String reason,
                      @Schema(description = "The invitation (INVITED) or the existing membership (ALREADY_MEMBER)") UUID memberId) {

        public static Row of(InvitationImportRow r) {
            return new Row(r.line, r.displayName, r.email, r.result, r.reason, r.memberId);
        }
    }
}
