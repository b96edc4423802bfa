package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.Role;
import dev.cohesion.members.domain.ExitReason;
import dev.cohesion.members.domain.SharedField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the membership operations. */
public final class MemberDtos {

    private MemberDtos() {
    }

    @Schema(name = "Profile", description = "What a member tells the network about themselves.")
    public record Profile(
            @NotBlank @Size(max = 120) @Schema(example = "Jonas Berg") String displayName,
            @Email @Size(max = 254) @Schema(example = "jonas.berg@example.com") String email,
            @Size(max = 200) @Schema(example = "Berg & Partners") String organisation,
            @NotNull @Schema(example = "PRACTITIONER") Constituency constituency,
            @Size(max = 50) @Schema(example = "[\"policy\", \"ai-governance\"]") List<@NotBlank @Size(max = 60) String> interests,
            @Schema(description = "Fields the member consents to show to the network's partners", example = "[\"DISPLAY_NAME\", \"ORGANISATION\"]")
            List<@NotNull SharedField> sharedWithPartners) {
    }

    @Schema(name = "Application")
    public record Application(@NotNull @Valid Profile profile,
                              @Size(max = 2000) @Schema(example = "I advise firms on responsible AI and want to help shape the code.") String note) {
    }

    @Schema(name = "Decline")
    public record Decline(@NotBlank @Size(max = 2000) @Schema(example = "The network is for practitioners in the EU.") String reason) {
    }

    @Schema(name = "Departure")
    public record Departure(@NotNull @Schema(example = "DOES_NOT_SHARE_PURPOSE") ExitReason reason,
                            @Size(max = 2000) @Schema(example = "I admire the work but my focus is elsewhere.") String note) {
    }

    @Schema(name = "Removal")
    public record Removal(@NotBlank @Size(max = 2000) @Schema(example = "Repeated harassment, see case 12.") String reason) {
    }

    @Schema(name = "Readmission")
    public record Readmission(@NotBlank @Size(max = 2000) @Schema(example = "Back after the mediation agreed in May.") String reason) {
    }

    @Schema(name = "Roles")
    public record Roles(@NotEmpty @Schema(example = "[\"ORGANISER\", \"MEMBER\"]") List<@NotNull Role> roles) {
    }

    @Schema(name = "Member", description = "A membership. Email and consent settings are shown to organisers and to the member; "
            + "partners see only the fields the member consented to share.")
    public record View(UUID id, UUID networkId, String displayName, String email, String organisation,
                       Constituency constituency, List<String> interests, List<SharedField> sharedWithPartners,
                       List<Role> roles, MemberStatus status,
                       @Schema(description = "Why: an exit reason, SANCTION, a decline reason", example = "DOES_NOT_SHARE_PURPOSE") String statusReason,
                       Instant suspendedUntil, Instant joinedAt, Instant leftAt, boolean erased,
                       @Schema(description = "Also the ETag", example = "2") Long version) {
    }
}
