package dev.cohesion.norms.rest;

import dev.cohesion.norms.domain.Vote;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a member reads about themselves in norms-service ({@code GET …/me}). */
public final class MeDtos {

    private MeDtos() {
    }

    @Schema(name = "MyNorms", description = "Your acknowledgement of the norm book, your votes and proposals, the cases you "
            + "reported and those about you (never naming who reported them), your sanctions and appeals; oldest first.")
    public record View(UUID memberId, NormBookStatus normBook, List<VoteView> votes, List<ChangeDtos.View> proposals,
                       List<CaseDtos.View> casesReported, List<CaseDtos.View> casesAbout,
                       List<CaseDtos.SanctionView> sanctions, List<CaseDtos.AppealView> appeals) {
    }

    @Schema(name = "NormBookStatus", description = "Whether you acknowledged the current norm book.")
    public record NormBookStatus(@Schema(description = "0: no norm book yet", example = "3") int currentVersion,
                                 @Schema(description = "The last version you acknowledged; absent: none", example = "2") Integer acknowledgedVersion,
                                 Instant acknowledgedAt,
                                 @Schema(description = "You acknowledged the current version (true while there is no book)") boolean upToDate) {
    }

    @Schema(name = "MyVote")
    public record VoteView(UUID changeId, @Schema(example = "N-03") String normCode, Vote.Choice choice, Instant votedAt) {
    }
}
