package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * norms-service's part of a member's data export: what the member did and what was decided about them. A case the
 * member is the subject of never names who reported it.
 */
public record NormsExportPart(UUID exportId, UUID networkId, UUID memberId, List<Acknowledgement> acknowledgements,
                              List<Vote> votes, List<Proposal> proposals, List<Case> casesReported,
                              List<Case> casesAbout, List<Sanction> sanctions, List<Appeal> appeals) {

    public record Acknowledgement(int bookVersion, Instant acknowledgedAt) {
    }

    public record Vote(UUID changeId, String normCode, String choice, Instant votedAt) {
    }

    public record Proposal(UUID changeId, NormChangeKind kind, String normCode, String rationale, String status, Instant openedAt) {
    }

    public record Case(UUID caseId, String normCode, int normVersion, String description, String status,
                       Instant openedAt, Instant decidedAt, String decisionReason) {
    }

    public record Sanction(UUID sanctionId, UUID caseId, SanctionRung rung, String reasoning, String noteToMember,
                           Instant appliedAt, Instant endsAt, Instant liftedAt, boolean expunged) {

        /** A sanction without a note to the member. */
        public Sanction(UUID sanctionId, UUID caseId, SanctionRung rung, String reasoning, Instant appliedAt, Instant endsAt,
                        Instant liftedAt, boolean expunged) {
            this(sanctionId, caseId, rung, reasoning, null, appliedAt, endsAt, liftedAt, expunged);
        }
    }

    public record Appeal(UUID appealId, UUID sanctionId, String text, String status, Instant filedAt,
                         Instant decidedAt, String decisionReason) {
    }
}
