package dev.cohesion.events.norms;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;

import java.util.List;

/**
 * The event types norms-service publishes on {@value Topics#NORMS}, keyed by network id, and its parts of members'
 * data exports on {@value Topics#NORMS_EXPORTS}.
 */
public final class NormsEvents {

    public static final EventType<NormBookPublished> NORM_BOOK_PUBLISHED =
            type("norm-book-published", NormBookPublished.class);
    public static final EventType<NormBookAcknowledged> NORM_BOOK_ACKNOWLEDGED =
            type("norm-book-acknowledged", NormBookAcknowledged.class);
    public static final EventType<BreachReported> BREACH_REPORTED = type("breach-reported", BreachReported.class);
    public static final EventType<CaseDecided> CASE_DECIDED = type("case-decided", CaseDecided.class);
    public static final EventType<SanctionApplied> SANCTION_APPLIED = type("sanction-applied", SanctionApplied.class);
    public static final EventType<SanctionLifted> SANCTION_LIFTED = type("sanction-lifted", SanctionLifted.class);
    public static final EventType<AppealDecided> APPEAL_DECIDED = type("appeal-decided", AppealDecided.class);
    public static final EventType<NormChangeProposed> NORM_CHANGE_PROPOSED =
            type("norm-change-proposed", NormChangeProposed.class);
    public static final EventType<NormChangeDecided> NORM_CHANGE_DECIDED =
            type("norm-change-decided", NormChangeDecided.class);
    public static final EventType<NormChangeVoteCast> NORM_CHANGE_VOTE_CAST =
            type("norm-change-vote-cast", NormChangeVoteCast.class);
    public static final EventType<NormChangeVoteClosing> NORM_CHANGE_VOTE_CLOSING =
            type("norm-change-vote-closing", NormChangeVoteClosing.class);
    /** On {@value Topics#NORMS_EXPORTS}, keyed by member id. */
    public static final EventType<NormsExportPart> MEMBER_EXPORT_PART =
            EventType.of(Topics.NORMS_EXPORTS, "cohesion.norms.member-export-part.v1", NormsExportPart.class);

    public static final List<EventType<?>> ALL = List.of(NORM_BOOK_PUBLISHED, NORM_BOOK_ACKNOWLEDGED, BREACH_REPORTED,
            CASE_DECIDED, SANCTION_APPLIED, SANCTION_LIFTED, APPEAL_DECIDED, NORM_CHANGE_PROPOSED, NORM_CHANGE_DECIDED,
            NORM_CHANGE_VOTE_CAST, NORM_CHANGE_VOTE_CLOSING, MEMBER_EXPORT_PART);

    private NormsEvents() {
    }

    private static <T> EventType<T> type(String event, Class<T> payload) {
        return EventType.of(Topics.NORMS, "cohesion.norms." + event + ".v1", payload);
    }
}
