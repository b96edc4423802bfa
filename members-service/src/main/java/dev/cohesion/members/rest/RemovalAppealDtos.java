package dev.cohesion.members.rest;

import dev.cohesion.events.norms.AppealOutcome;
import dev.cohesion.members.domain.RemovalAppeal;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A removed member's appeal against their direct removal. */
public final class RemovalAppealDtos {

    private RemovalAppealDtos() {
    }

    @Schema(name = "RemovalAppealRequest")
    public record Request(@NotBlank @Size(max = 2000) @Schema(example = "I was removed over a misunderstanding; here is what happened.") String text) {
    }

    @Schema(name = "RemovalAppealDecision")
    public record Decision(@NotNull @Schema(example = "UPHELD") AppealOutcome outcome,
                           @NotBlank @Size(max = 4000) @Schema(example = "The account of the meeting does not support the removal.") String reason) {
    }

    @Schema(name = "RemovalAppeal", description = "Decided by an organiser other than the one who removed the member.")
    public record View(UUID id, UUID memberId, Instant removedAt, UUID removedBy, String text, RemovalAppeal.Status status,
                       Instant filedAt, UUID decidedBy, Instant decidedAt, String decisionReason, long version) {

        public static View of(RemovalAppeal a) {
            return new View(a.id, a.memberId, a.removedAt, a.removedBy, a.text, a.status, a.filedAt, a.decidedBy, a.decidedAt,
                    a.decisionReason, a.version);
        }
    }
}
