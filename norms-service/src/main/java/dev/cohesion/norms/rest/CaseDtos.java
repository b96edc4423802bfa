package dev.cohesion.norms.rest;

import dev.cohesion.events.norms.AppealOutcome;
import dev.cohesion.events.norms.CaseOutcome;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.norms.domain.AppealStatus;
import dev.cohesion.norms.domain.CaseStatus;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of breach reports, cases, sanctions and appeals. */
public final class CaseDtos {

    private CaseDtos() {
    }

    @Schema(name = "BreachReport")
    public record Report(@NotNull UUID subjectMemberId, @NotNull UUID normId,
                         @NotNull @Min(1) @Schema(description = "The norm's text version the behaviour breached", example = "2") Integer normVersion,
                         @NotBlank @Size(max = 4000) @Schema(example = "In the 12 March meeting the member presented my draft as theirs.") String description) {
    }

    @Schema(name = "Case", description = "A breach case. `reporterMemberId` is shown to organisers and to the reporter, never to the subject.")
    public record View(UUID id, UUID networkId, UUID normId, @Schema(example = "N-03") String normCode, int normVersion,
                       UUID subjectMemberId, UUID reporterMemberId, String description, CaseStatus status,
                       UUID reviewerMemberId, String decisionReason, Instant openedAt, Instant decidedAt,
                       @Schema(description = "Also the ETag") long version) {
    }

    @Schema(name = "CaseDecision")
    public record Decision(@NotNull @Schema(example = "UPHELD") CaseOutcome outcome,
                           @NotBlank @Size(max = 4000) @Schema(example = "Two witnesses confirm the account.") String reason) {
    }

    @Schema(name = "CaseHistoryEntry")
    public record HistoryEntry(Instant at, UUID actorMemberId, @Schema(example = "CLAIMED") String action, String note) {
    }

    @Schema(name = "SanctionRecommendation", description = "The rung the ladder recommends, with its reasoning.")
    public record Recommendation(SanctionRung rung, @Schema(example = "7") Integer suspensionDays,
                                 @Schema(example = "2") int countedSanctions,
                                 @Schema(example = "2 earlier sanctions within the 180-day forgiveness window (expunged ones do not count); norm N-03 is MEDIUM: step 3 of 6, a temporary suspension of 7 days.")
                                 String reasoning) {
    }

    @Schema(name = "SanctionRequest", description = "Apply the recommended rung, or another one with a reason.")
    public record SanctionRequest(@NotNull @Schema(example = "WARNING") SanctionRung rung,
                                  @Size(max = 2000) @Schema(description = "Required when the rung differs from the recommendation",
                                          example = "First breach, but against a newcomer.") String reason,
                                  @Size(max = 2000) @Schema(description = "A private note to the member (what to do differently): "
                                          + "shown only to them and the organisers, not in the sanction events",
                                          example = "Please name your co-authors on the next draft.") String noteToMember) {
    }

    @Schema(name = "Sanction")
    public record SanctionView(UUID id, UUID caseId, UUID memberId, SanctionRung rung, SanctionRung recommendedRung,
                               String overrideReason, String reasoning,
                               @Schema(description = "The organisers' private note to the member") String noteToMember,
                               UUID appliedBy, Instant appliedAt, Instant endsAt,
                               @Schema(description = "The member may appeal until then (the network's appeal window when "
                                       + "the sanction was applied)") Instant appealUntil,
                               @Schema(example = "IN_FORCE") String state, Instant liftedAt, boolean expunged) {
    }

    @Schema(name = "AppealRequest")
    public record AppealRequest(@NotBlank @Size(max = 2000) @Schema(example = "The draft was co-written; here are the emails.") String text) {
    }

    @Schema(name = "AppealDecision")
    public record AppealDecision(@NotNull @Schema(example = "UPHELD") AppealOutcome outcome,
                                 @NotBlank @Size(max = 4000) @Schema(example = "The emails show joint authorship.") String reason) {
    }

    @Schema(name = "Appeal")
    public record AppealView(UUID id, UUID sanctionId, UUID memberId, String text, AppealStatus status, Instant filedAt,
                             UUID decidedBy, Instant decidedAt, String decisionReason) {
    }
}
