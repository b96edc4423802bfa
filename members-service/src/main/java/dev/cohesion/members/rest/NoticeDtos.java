package dev.cohesion.members.rest;

import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.members.domain.Notice;
import dev.cohesion.members.domain.NoticePreferences;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Notices and a member's preferences for them (docs/notifications.md). */
public final class NoticeDtos {

    private NoticeDtos() {
    }

    @Schema(name = "Notice", description = "A notice to the member, and whether it was e-mailed.")
    public record View(UUID id, NoticeKind kind,
                       @Schema(description = "What it is about, as a path under the network", example = "purposes/0193b0a4-6a1e-7c3e-9d5b-2f1c3a4b5c6d") String about,
                       @Schema(description = "PENDING (waiting to be sent, or for the digest), SENDING, SENT, FAILED, "
                               + "NOT_EMAILED (e-mail turned off, or no address)") Notice.Status status,
                       @Schema(description = "The date the notice asks the member to act by (a sanction's appeal "
                               + "deadline); absent when it names none") Instant dueAt,
                       @Schema(description = "Waits for the member's daily digest") boolean digest,
                       @Schema(description = "Why the last send failed") String lastError, Instant createdAt, Instant sentAt) {

        public static View of(Notice n) {
            return new View(n.id, n.kind, n.about, n.status, n.dueAt, n.digest, n.lastError, n.createdAt, n.sentAt);
        }
    }

    @Schema(name = "NoticePreferences", description = "How the member wants their notices. Notices about their own standing "
            + "(case decided, sanction applied or lifted, appeal decided) and invitations are always e-mailed, at once.")
    public record Preferences(@Schema(description = "E-mail notices (false: recorded and shown here only)") boolean email,
                              @Schema(description = "One e-mail a day with every pending notice, instead of one each") boolean digest,
                              @Schema(description = "Kinds not to be notified of at all") List<NoticeKind> muted,
                              @Schema(description = "Kinds that cannot be muted") List<NoticeKind> mandatory) {

        public static Preferences of(NoticePreferences p) {
            return new Preferences(p.email, p.digest, Arrays.stream(p.muted).map(NoticeKind::valueOf).toList(),
                    Arrays.stream(NoticeKind.values()).filter(NoticeKind::mandatory).toList());
        }
    }

    @Schema(name = "NoticePreferencesRequest")
    public record PreferencesRequest(@NotNull Boolean email, @NotNull Boolean digest,
                                     @Size(max = 20) List<@NotNull NoticeKind> muted) {
    }
}
