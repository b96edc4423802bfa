package dev.cohesion.norms.rest;

import dev.cohesion.events.norms.NormChangeKind;
import dev.cohesion.events.norms.Severity;
import dev.cohesion.norms.domain.ChangeStatus;
import dev.cohesion.norms.domain.Vote;
import dev.cohesion.kit.api.validation.InstantWindow;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of norm changes voted by the members, and of review suggestions. */
public final class ChangeDtos {

    private ChangeDtos() {
    }

    @Schema(name = "NormChangeProposal", description = "ADD needs code and the text fields; AMEND needs normId and the text fields; "
            + "RETIRE needs normId. Voting opens now and closes at closesAt, at most 366 days from now.")
    public record Proposal(@NotNull @Schema(example = "AMEND") NormChangeKind kind,
                           UUID normId,
                           @Pattern(regexp = "[A-Z][A-Z0-9-]{0,19}") @Schema(example = "N-09") String code,
                           @Size(max = 200) @Schema(example = "Credit others' work") String title,
                           @Size(max = 4000) @Schema(example = "Name the colleagues whose ideas or words you use, in writing and aloud.") String text,
                           @Size(max = 60) @Schema(example = "collaboration") String category,
                           Severity severity,
                           @NotBlank @Size(max = 4000) @Schema(example = "Three breaches this month came from spoken presentations.") String rationale,
                           @NotNull @InstantWindow @Schema(example = "2026-12-20T17:00:00Z") Instant closesAt) {
    }

    @Schema(name = "VoteRequest")
    public record VoteRequest(@NotNull @Schema(example = "FOR") Vote.Choice choice) {
    }

    @Schema(name = "Turnout", description = "Votes of the members active at the close.")
    public record Turnout(int eligible, int votesFor, int votesAgainst, int abstentions) {
    }

    @Schema(name = "NormChange")
    public record View(UUID id, NormChangeKind kind, UUID normId, String code, String title, String text, String category,
                       Severity severity, String rationale, ChangeStatus status, UUID proposedBy, UUID suggestionId,
                       Instant openedAt, Instant closesAt, Instant decidedAt,
                       @Schema(description = "Once the vote closed") Turnout turnout, @Schema(description = "Also the ETag") long version) {
    }

    @Schema(name = "ReviewSuggestion", description = "metrics-service's suggestion to review a norm, with the figures behind it.")
    public record Suggestion(UUID id, UUID normId, @Schema(example = "N-03") String normCode,
                             @Schema(example = "BREACHED_OFTEN") String reason, Map<String, Object> figures, Instant suggestedAt,
                             @Schema(example = "PENDING") String status, UUID proposalId) {
    }
}
