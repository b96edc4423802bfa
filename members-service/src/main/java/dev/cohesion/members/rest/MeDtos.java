package dev.cohesion.members.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** What a member reads about themselves in members-service ({@code GET …/me}). */
public final class MeDtos {

    private MeDtos() {
    }

    @Schema(name = "Me", description = "Your membership and standing, and where you stand on the network's purpose.")
    public record View(@Schema(description = "Your own record, every field") MemberDtos.View member,
                       @Schema(description = "The adopted purpose and your stance on it; absent: none adopted") PurposeStance currentPurpose,
                       @Schema(description = "The version in consultation and your stance; absent: none") PurposeStance consultation) {
    }

    @Schema(name = "PurposeStance", description = "A purpose version and your stance on it (absent: none taken).")
    public record PurposeStance(UUID purposeId, int number, Instant closesAt, PurposeDtos.StanceView stance) {
    }
}
