package dev.cohesion.metrics.rest;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The partners' door for activities: a batch in, a result per item out. */
public final class ActivityDtos {

    private ActivityDtos() {
    }

    @Schema(name = "Activity", description = "A unit of participation. The idempotency key is the sender's: the same key twice counts once.")
    public record Item(UUID memberId, @Schema(example = "ATTENDED_EVENT", maxLength = 40, pattern = "^[A-Z][A-Z0-9_]{1,39}$") String type,
                       @Schema(example = "2026-11-20T18:30:00Z") Instant occurredAt,
                       @Schema(description = "Overrides the network's weight for the type", example = "3") Double weight,
                       @Schema(example = "events-2026-11-20-ethics-forum-7f3a", maxLength = 200) String idempotencyKey) {
    }

    @Schema(name = "ActivityBatch")
    public record Batch(@NotNull @NotEmpty @Size(max = 1000) List<@NotNull Item> activities,
                        @Size(max = 100) @Schema(description = "Who reports them; defaults to the caller", example = "ethics-forum-app") String source) {
    }

    @Schema(name = "ActivityResult")
    public record ItemResult(@Schema(example = "0") int index, String idempotencyKey,
                             @Schema(example = "ACCEPTED", enumeration = {"ACCEPTED", "DUPLICATE", "REJECTED"}) String status,
                             @Schema(description = "Why it was rejected", example = "unknown activity type DANCED; this network counts ...") String reason,
                             @Schema(description = "Recorded while the member was suspended") boolean flagged) {
    }

    @Schema(name = "ActivityBatchResult", description = "Accepted activities are on their way: they count within a second or so.")
    public record Result(int accepted, int duplicates, int rejected, List<ItemResult> items) {
    }
}
