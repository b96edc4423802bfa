package dev.cohesion.norms.rest;

import dev.cohesion.events.norms.Severity;
import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormStatus;
import dev.cohesion.norms.domain.NormVersion;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the norm-book operations. */
public final class NormDtos {

    private NormDtos() {
    }

    @Schema(name = "NewNorm")
    public record NewNorm(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{0,19}", message = "upper-case letters, digits and hyphens, up to 20")
                          @Schema(example = "N-03") String code,
                          @NotBlank @Size(max = 200) @Schema(example = "Credit others' work") String title,
                          @NotBlank @Size(max = 4000) @Schema(example = "When you use a colleague's idea, name them.") String text,
                          @NotBlank @Size(max = 60) @Schema(example = "collaboration") String category,
                          @NotNull @Schema(example = "MEDIUM") Severity severity) {
    }

    @Schema(name = "NormText")
    public record NormText(@NotBlank @Size(max = 200) @Schema(example = "Credit others' work") String title,
                           @NotBlank @Size(max = 4000) @Schema(example = "When you use a colleague's idea or words, name them.") String text,
                           @NotBlank @Size(max = 60) @Schema(example = "collaboration") String category,
                           @NotNull @Schema(example = "MEDIUM") Severity severity) {
    }

    @Schema(name = "Norm")
    public record View(UUID id, @Schema(example = "N-03") String code, String title, String text, String category,
                       Severity severity, NormStatus status, @Schema(description = "Current text version", example = "2") int version,
                       @Schema(description = "Also the ETag") long rowVersion, Instant createdAt, Instant updatedAt) {
        public static View of(Norm n) {
            return new View(n.id, n.code, n.title, n.text, n.category, n.severity, n.status, n.version, n.rowVersion,
                    n.createdAt, n.updatedAt);
        }
    }

    @Schema(name = "NormVersion", description = "A norm's text as it stood at one version.")
    public record VersionView(UUID normId, int version, String title, String text, String category, Severity severity,
                              Instant createdAt) {
        public static VersionView of(NormVersion v) {
            return new VersionView(v.normId, v.version, v.title, v.text, v.category, v.severity, v.createdAt);
        }
    }

    @Schema(name = "NormBookEntry")
    public record BookEntry(UUID normId, @Schema(example = "N-03") String code, int normVersion, String title, String text,
                            String category, Severity severity) {
    }

    @Schema(name = "NormBook", description = "A version of the network's norm book: its active norms.")
    public record Book(@Schema(example = "4") int version, Instant publishedAt,
                       @Schema(example = "N-03 amended to version 2") String changeNote, List<BookEntry> norms) {
    }

    @Schema(name = "NormBookDiff", description = "What changed between two versions of the book.")
    public record Diff(int from, int to, List<BookEntry> added, List<BookEntry> removed, List<Amendment> amended) {
    }

    @Schema(name = "NormAmendment")
    public record Amendment(BookEntry before, BookEntry after) {
    }

    @Schema(name = "AcknowledgementRequest")
    public record AcknowledgementRequest(@NotNull @Min(1) @Schema(description = "The version you read; it must be the current one", example = "4")
                                         Integer version) {
    }

    @Schema(name = "Acknowledgement")
    public record Acknowledgement(UUID memberId, int bookVersion, Instant acknowledgedAt) {
    }

    @Schema(name = "MemberRef")
    public record MemberRef(UUID memberId, @Schema(example = "Jonas Berg") String displayName) {
    }
}
