package dev.cohesion.members.rest;

import dev.cohesion.events.members.RejectionReason;
import dev.cohesion.events.members.Stance;
import dev.cohesion.members.domain.PurposeStatus;
import dev.cohesion.kit.api.validation.InstantWindow;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the purpose operations. */
public final class PurposeDtos {

    private PurposeDtos() {
    }

    @Schema(name = "PurposeDraft")
    public record Draft(@NotBlank @Size(max = 4000)
                        @Schema(example = "Raise the standing of applied ethics with policy makers and the public.") String statement) {
    }

    @Schema(name = "Consultation", description = "Opens now unless opensAt is given; closes at closesAt. Both at most 366 days from now.")
    public record Consultation(@InstantWindow @Schema(example = "2026-12-01T09:00:00Z") Instant opensAt,
                               @NotNull @InstantWindow @Schema(example = "2026-12-15T17:00:00Z") Instant closesAt) {
    }

    @Schema(name = "StanceRequest")
    public record StanceRequest(@NotNull @Schema(example = "OBJECT") Stance stance,
                                @Size(max = 2000) @Schema(description = "Required for OBJECT", example = "It leaves out the practitioners' purpose.") String reason) {
    }

    @Schema(name = "Tally", description = "Stances of the members active now; `silent` took none.")
    public record Tally(@Schema(example = "9") int activeMembers, @Schema(example = "7") int endorse,
                        @Schema(example = "1") int object, @Schema(example = "1") int abstain,
                        @Schema(example = "0") int silent,
                        @Schema(description = "True once the consultation closed: the figures the decision used") boolean decided) {
    }

    @Schema(name = "Purpose")
    public record View(UUID id, UUID networkId, @Schema(example = "2") int number, String statement, PurposeStatus status,
                       Instant opensAt, Instant closesAt, Instant decidedAt,
                       @Schema(description = "Once decided") Tally tally, RejectionReason rejectionReason,
                       UUID supersededBy, @Schema(description = "Also the ETag") long version) {
    }

    @Schema(name = "Stance")
    public record StanceView(UUID purposeId, UUID memberId, Stance stance, String reason, Instant recordedAt) {
    }

    @Schema(name = "FollowUp", description = "An active member who did not endorse the purpose version: an objection, or no stance.")
    public record FollowUp(UUID memberId, @Schema(example = "Ana Lopes") String displayName,
                           @Schema(description = "OBJECT, or absent: no stance taken") Stance stance,
                           @Schema(description = "The objection's reason") String reason, Instant recordedAt,
                           @Schema(description = "When the organisers asked them to reconsider; absent: not asked") Instant askedToReconsiderAt) {
    }

    @Schema(name = "ReconsiderationRequest", description = "Whom to ask: the listed members, or, without a list, every "
            + "active member who objected to the adopted purpose or took no stance. Who was asked before is not asked again.")
    public record ReconsiderationRequest(@Size(max = 200) List<@NotNull UUID> memberIds) {
    }

    @Schema(name = "Reconsideration", description = "Accepted: each member asked gets a notice (e-mail unless they chose "
            + "otherwise) in the background; the follow-up list shows when each was asked.")
    public record Reconsideration(UUID purposeId, @Schema(description = "Absent: every objector and silent member") List<UUID> memberIds,
                                  Instant requestedAt) {
    }

    @Schema(name = "Alignment", description = "How the active members stand on the current purpose; rates are shares of the active members.")
    public record Alignment(UUID purposeId, @Schema(example = "9") int activeMembers, @Schema(example = "7") int endorsing,
                            @Schema(example = "1") int objecting, @Schema(example = "1") int abstaining,
                            @Schema(example = "0") int silent, @Schema(example = "0.7778") double alignmentRate,
                            @Schema(example = "0.1111") double objectionRate, @Schema(example = "0.0") double silentRate) {
    }
}
