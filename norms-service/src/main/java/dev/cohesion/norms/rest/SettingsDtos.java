package dev.cohesion.norms.rest;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.norms.domain.NetworkRules;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * The network's norms settings: the sanction ladder, forgiveness and appeal windows, the norm-change vote rule, the
 * periodic re-acknowledgement of the norm book.
 */
@Schema(name = "NormsSettings")
public record SettingsDtos(
        @NotEmpty @Size(max = 4) @Schema(description = "Rungs, lowest first", example = "[\"CORRECTION\", \"WARNING\", \"TEMPORARY_SUSPENSION\", \"PERMANENT_REMOVAL\"]")
        List<@NotNull SanctionRung> ladder,
        @NotEmpty @Size(max = 10) @Schema(description = "Lengths of successive temporary suspensions, in days", example = "[7, 30, 90]")
        List<@NotNull @Min(1) @Max(3650) Integer> suspensionDays,
        @NotNull @Min(1) @Max(3650) @Schema(example = "180") Integer forgivenessDays,
        @NotNull @Min(1) @Max(365) @Schema(description = "Days a sanctioned member has to appeal; a change applies to the "
                + "sanctions applied afterwards (each keeps its `appealUntil`)", example = "20") Integer appealWindowDays,
        @NotNull @DecimalMin("0.01") @DecimalMax("1") @Schema(example = "0.5") Double voteQuorum,
        @NotNull @DecimalMin("0.01") @DecimalMax("1") @Schema(example = "0.5") Double voteThreshold,
        @Min(1) @Max(60) @Schema(description = "Every this many months after the current norm-book version was published, "
                + "the same norms are republished as the next version and every active member is asked to acknowledge "
                + "them again; absent or null: never", example = "12", nullable = true)
        Integer reacknowledgeMonths,
        @Schema(description = "Also the ETag", readOnly = true) Long version) {

    public static SettingsDtos of(NetworkRules n) {
        return new SettingsDtos(Arrays.stream(n.ladder).map(SanctionRung::valueOf).toList(), List.of(n.suspensionDays),
                n.forgivenessDays, n.appealWindowDays, n.voteQuorum, n.voteThreshold, n.reacknowledgeMonths, n.version);
    }
}
