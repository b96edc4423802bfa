package dev.cohesion.norms.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.metrics.NormReviewSuggested;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.ReviewSuggestion;
import dev.cohesion.norms.repository.ChangeRepository;
import dev.cohesion.norms.rest.ChangeDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Suggestions from metrics-service to review a norm; an organiser confirms one as a norm-change proposal. */
@ApplicationScoped
public class ReviewSuggestions {

    public static final String PENDING = "PENDING";
    public static final String PROPOSED = "PROPOSED";

    private final ChangeRepository changes;
    private final NormChangeService normChanges;

    private final AuditLog audit;

    ReviewSuggestions(ChangeRepository changes, NormChangeService normChanges, AuditLog audit) {
        this.audit = audit;
        this.changes = changes;
        this.normChanges = normChanges;
    }

    /** Stores a suggestion (inside the consumer's transaction); one pending suggestion per norm and reason. */
    public Uni<Void> suggested(NormReviewSuggested s) {
        return ReviewSuggestion.count("networkId = ?1 and normId = ?2 and reason = ?3 and status = ?4",
                s.networkId(), s.normId(), s.reason().name(), PENDING).chain(pending -> {
            if (pending > 0) {
                return Uni.createFrom().voidItem();
            }
            ReviewSuggestion r = new ReviewSuggestion();
            r.id = Ids.next();
            r.networkId = s.networkId();
            r.normId = s.normId();
            r.normCode = s.normCode();
            r.reason = s.reason().name();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("breachesLast30Days", s.breachesLast30Days());
            figures.put("appealsDecided", s.appealsDecided());
            figures.put("appealsUpheld", s.appealsUpheld());
            r.figures = EventJson.MAPPER.valueToTree(figures).toString();
            r.suggestedAt = s.suggestedAt();
            r.status = PENDING;
            return r.persist().replaceWithVoid();
        });
    }

    @WithSession
    public Uni<Page<ChangeDtos.Suggestion>> list(UUID networkId, PageRequest page) {
        return changes.suggestions(networkId, page).map(rows -> Page.of(rows, page, r -> r.id.toString(), ReviewSuggestions::view));
    }

    /** The organiser confirms the suggestion: it opens a proposal for the members' vote. */
    @WithTransaction
    public Uni<NormChange> confirm(UUID networkId, UUID suggestionId, UUID organiser, ChangeDtos.Proposal proposal) {
        return changes.suggestion(networkId, suggestionId).chain(s -> {
            if (s == null) {
                throw ProblemException.notFound("review suggestion", suggestionId);
            }
            if (!PENDING.equals(s.status)) {
                throw ProblemException.conflict("This suggestion was already turned into a proposal.");
            }
            if (proposal.normId() != null && !proposal.normId().equals(s.normId)) {
                throw ProblemException.invalidField("normId", "the suggestion is about norm " + s.normCode);
            }
            ChangeDtos.Proposal aboutTheNorm = new ChangeDtos.Proposal(proposal.kind(), s.normId, proposal.code(),
                    proposal.title(), proposal.text(), proposal.category(), proposal.severity(), proposal.rationale(),
                    proposal.closesAt());
            return normChanges.propose(networkId, organiser, aboutTheNorm, s.id).invoke(c -> {
                s.status = PROPOSED;
                s.proposalId = c.id;
            }).call(c -> audit.record(networkId, "review-suggestion.confirmed", "norm", s.normId,
                    null, Map.of("suggestion", s.id, "proposal", c.id)));
        });
    }

    static ChangeDtos.Suggestion view(ReviewSuggestion r) {
        try {
            Map<String, Object> figures = EventJson.MAPPER.readValue(r.figures, new TypeReference<Map<String, Object>>() { });
            return new ChangeDtos.Suggestion(r.id, r.normId, r.normCode, r.reason, figures, r.suggestedAt, r.status, r.proposalId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
