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

    @Schema(name = "Activity", description = "A unit of participation, naming its member by exactly one of memberId, externalId "
            + "(partners: their own identifier, linked to the member) or email (partners: an address the member lets partners "
            + "match). The idempotency key is the sender's: the same key twice counts once.")
    public record Item(UUID memberId,
                       @Schema(description = "Partners: your identifier for the person (docs/partners.md)", maxLength = 200,
                               example = "forum-user-4711") String externalId,
                       @Schema(description = "Partners: the person's e-mail address", maxLength = 254, format = "email",
                               example = "ann@example.org") String email,
                       @Schema(example = "ATTENDED_EVENT", maxLength = 40, pattern = "^[A-Z][A-Z0-9_]{1,39}$") String type,
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
                             @Schema(example = "ACCEPTED", description = "UNMATCHED: it names nobody yet; it is kept and counted once "
                                     + "a link names its member", enumeration = {"ACCEPTED", "DUPLICATE", "REJECTED", "UNMATCHED"}) String status,
                             @Schema(description = "Why it was rejected", example = "unknown activity type DANCED; this network counts ...") String reason,
                             @Schema(description = "Recorded while the member was suspended") boolean flagged) {
    }

    @Schema(name = "ActivityBatchResult", description = "Accepted activities are on their way: they count within a second or so.")
    public record Result(int accepted, int duplicates, int rejected, int unmatched, List<ItemResult> items) {
    }

    @Schema(name = "UnmatchedActivity", description = "An activity that names nobody yet. An e-mail is not shown: only its match key is kept.")
    public record Unmatched(String idempotencyKey, UUID partnerId, String externalId,
                            @Schema(description = "It named its member by e-mail") boolean byEmail, String type, Instant occurredAt,
                            Instant receivedAt) {
    }

    @Schema(name = "UnmatchedActivities", description = "What waits for a link: how many, since when, and the oldest few. Each is "
            + "counted once a link names its member within the window (cohesion.metrics.unmatched-window), then dropped.")
    public record UnmatchedReport(long count, Instant oldestReceivedAt, List<Unmatched> sample) {
    }
}
