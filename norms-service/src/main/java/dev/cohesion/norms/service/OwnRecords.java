package dev.cohesion.norms.service;

import dev.cohesion.norms.domain.Acknowledgement;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.domain.Sanction;
import dev.cohesion.norms.domain.Vote;
import dev.cohesion.norms.repository.NormRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything norms-service holds about one member of a network: what they did (acknowledgements, proposals, votes,
 * reports) and what was decided about them (cases, sanctions, appeals). Read for their data export and for their own
 * view ({@code GET …/me}); call it inside a session.
 */
@ApplicationScoped
public class OwnRecords {

    /** What the queries found, oldest first. Cases are those the member reported or is the subject of. */
    public record Held(UUID memberId, List<Acknowledgement> acknowledgements, List<NormChange> changes, List<Vote> votes,
                       List<BreachCase> cases, Map<UUID, String> normCodes, List<Sanction> sanctions, List<Appeal> appeals) {

        public List<NormChange> proposals() {
            return changes.stream().filter(c -> c.proposedBy.equals(memberId)).toList();
        }

        public List<BreachCase> casesReported() {
            return cases.stream().filter(c -> c.reporterMemberId.equals(memberId)).toList();
        }

        public List<BreachCase> casesAbout() {
            return cases.stream().filter(c -> c.subjectMemberId.equals(memberId)).toList();
        }

        public NormChange change(UUID id) {
            return changes.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
        }
    }

    /** The member's own view: what this service holds about them, and the norm book's current version (0: none). */
    public record Mine(Held held, int currentBookVersion) {
    }

    private final NormRepository norms;

    OwnRecords(NormRepository norms) {
        this.norms = norms;
    }

    @WithSession
    public Uni<Mine> mine(UUID n, UUID m) {
        return of(n, m).chain(held -> norms.currentBook(n).map(book -> new Mine(held, book == null ? 0 : book.version)));
    }

    public Uni<Held> of(UUID n, UUID m) {
        Found found = new Found();
        return Acknowledgement.<Acknowledgement>list("networkId = ?1 and memberId = ?2 order by bookVersion", n, m)
                .invoke(rows -> found.acknowledgements = rows)
                .chain(() -> NormChange.<NormChange>list("networkId = ?1 and (proposedBy = ?2 or id in "
                        + "(select v.changeId from Vote v where v.memberId = ?2)) order by openedAt, id", n, m))
                .invoke(rows -> found.changes = rows)
                .chain(() -> Vote.<Vote>list("memberId = ?1 and changeId in (select c.id from NormChange c "
                        + "where c.networkId = ?2) order by votedAt", m, n))
                .invoke(rows -> found.votes = rows)
                .chain(() -> BreachCase.<BreachCase>list("networkId = ?1 and (reporterMemberId = ?2 or subjectMemberId = ?2) "
                        + "order by openedAt, id", n, m))
                .invoke(rows -> found.cases = rows)
                .chain(() -> Norm.<Norm>list("networkId", n))
                .invoke(rows -> found.normCodes = rows.stream().collect(Collectors.toMap(x -> x.id, x -> x.code)))
                .chain(() -> Sanction.<Sanction>list("networkId = ?1 and memberId = ?2 order by appliedAt", n, m))
                .invoke(rows -> found.sanctions = rows)
                .chain(() -> Appeal.<Appeal>list("networkId = ?1 and memberId = ?2 order by filedAt", n, m))
                .map(appeals -> new Held(m, found.acknowledgements, found.changes, found.votes, found.cases, found.normCodes,
                        found.sanctions, appeals));
    }

    /** The query results as they arrive. */
    private static final class Found {
        List<Acknowledgement> acknowledgements;
        List<NormChange> changes;
        List<Vote> votes;
        List<BreachCase> cases;
        Map<UUID, String> normCodes;
        List<Sanction> sanctions;
    }
}
