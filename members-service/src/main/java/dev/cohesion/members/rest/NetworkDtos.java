package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.members.domain.Network;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the network operations. */
public final class NetworkDtos {

    private NetworkDtos() {
    }

    @Schema(name = "NetworkSettings", description = "A network's rules. In a create request every field is optional (defaults shown).")
    public record Settings(
            @Min(1) @Max(365) @Schema(description = "Active: an activity within this many days", example = "30") Integer activeWithinDays,
            @Min(1) @Max(730) @Schema(description = "Dormant after this many days without activity", example = "60") Integer dormantAfterDays,
            @Min(1) @Max(365) @Schema(description = "A member with no activity at all is dormant after this many days", example = "30") Integer newMemberDays,
            @DecimalMin(value = "0.01") @DecimalMax("1") @Schema(description = "Share of active members who must take a stance", example = "0.5") Double quorum,
            @DecimalMin(value = "0.01") @DecimalMax("1") @Schema(description = "Share of non-abstaining stances that must endorse", example = "0.6667") Double endorsementThreshold,
            @Min(30) @Max(3650) @Schema(description = "Retention: a member who left, was removed or was declined is anonymised "
                    + "this many days later (docs/privacy.md); an update without it keeps the current value", example = "365") Integer departedProfileDays,
            @Min(1) @Max(120) @Schema(description = "Retention: the free text of a decided case is redacted this many months "
                    + "after the decision; an update without it keeps the current value", example = "24") Integer closedCaseTextMonths,
            @Min(3) @Max(120) @Schema(description = "Retention: metrics-service folds activities that occurred this many months "
                    + "ago into its weekly sums and deletes their rows; an update without it keeps the current value", example = "24")
            Integer rawActivityMonths) {

        static Settings of(Network n) {
            return new Settings(n.activeWithinDays, n.dormantAfterDays, n.newMemberDays, n.quorum, n.endorsementThreshold,
                    n.departedProfileDays, n.closedCaseTextMonths, n.rawActivityMonths);
        }
    }

    @Schema(name = "FirstOrganiser", description = "The person who will organise the network: its first member.")
    public record FirstOrganiser(
            @NotBlank @Size(max = 200) @Schema(description = "Their token subject at the identity provider", example = "auth0|5f7c8ec7c33c6c004bbafe82") String userId,
            @NotBlank @Size(max = 120) @Schema(example = "Amira Haddad") String displayName,
            @Email @Size(max = 254) @Schema(example = "amira.haddad@example.org") String email,
            @Size(max = 200) @Schema(example = "Institute for Sector Studies") String organisation,
            @NotNull @Schema(example = "ACADEMIC") Constituency constituency,
            @Size(max = 50) List<@NotBlank @Size(max = 60) String> interests) {
    }

    @Schema(name = "CreateNetwork")
    public record CreateRequest(
            @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?", message = "lower-case letters, digits and inner hyphens, up to 60")
            @Schema(example = "applied-ethics-network") String slug,
            @NotBlank @Size(max = 120) @Schema(example = "Applied Ethics Network") String name,
            @Size(max = 4000) @Schema(example = "Academics and practitioners raising the standing of applied ethics.") String description,
            @Valid Settings settings,
            @NotNull @Valid FirstOrganiser firstOrganiser) {
    }

    @Schema(name = "UpdateNetwork")
    public record UpdateRequest(
            @NotBlank @Size(max = 120) @Schema(example = "Applied Ethics Network") String name,
            @Size(max = 4000) String description,
            @NotNull @Valid Settings settings) {
    }

    @Schema(name = "Network")
    public record View(UUID id, @Schema(example = "applied-ethics-network") String slug,
                       @Schema(example = "Applied Ethics Network") String name, String description, Settings settings,
                       @Schema(description = "Also the ETag", example = "3") long version, Instant createdAt,
                       Instant updatedAt) {

        public static View of(Network n) {
            return new View(n.id, n.slug, n.name, n.description, Settings.of(n), n.version, n.createdAt, n.updatedAt);
        }
    }

    @Schema(name = "NetworkCreated", description = "The new network and the member id of its first organiser.")
    public record Created(View network, UUID firstOrganiserMemberId) {
    }
}
