package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.Role;
import dev.cohesion.events.members.Stance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rows of members-service's exports (repository/MemberExports), as the JSON export writes them; the CSV has the
 * same columns, lists joined with {@code ;}. A field without a value is left out of the JSON and empty in the CSV.
 */
public final class ExportDtos {

    private ExportDtos() {
    }

    @Schema(name = "DirectoryExportRow", description = "A member; to a partner, only an active member's fields they share")
    public record DirectoryRow(UUID id, @Schema(maxLength = 200) String displayName, @Schema(maxLength = 320) String email,
                               @Schema(maxLength = 200) String organisation, Constituency constituency,
                               @Schema(maxItems = 20) List<String> interests,
                               @Schema(maxItems = 2) List<Role> roles, MemberStatus status,
                               @Schema(maxLength = 100) String statusReason, Instant joinedAt, Instant leftAt, boolean erased) {
    }

    @Schema(name = "StanceExportRow", description = "A member's stance on the purpose version")
    public record StanceRow(UUID memberId, @Schema(maxLength = 200) String displayName, Stance stance,
                            @Schema(maxLength = 2000) String reason, Instant recordedAt) {
    }
}
