package dev.cohesion.norms.service;

import dev.cohesion.events.norms.NormBookAcknowledged;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.domain.Verdict;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.norms.domain.Acknowledgement;
import dev.cohesion.norms.repository.MemberRecordRepository;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.rest.NormDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/** Members' acknowledgements of the current norm-book version, and who has or has not given one. */
@ApplicationScoped
public class AcknowledgementService {

    private final NormRepository norms;
    private final MemberRecordRepository members;
    private final Outbox outbox;
    private final Clock clock;

    AcknowledgementService(NormRepository norms, MemberRecordRepository members, Outbox outbox, Clock clock) {
        this.norms = norms;
        this.members = members;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A member acknowledges the current version of the book (once; again with each new version). */
    @WithTransaction
    public Uni<Acknowledgement> acknowledge(UUID networkId, UUID memberId, int version) {
        return members.inNetwork(networkId, memberId).chain(member -> {
            if (member == null || !member.isActive()) {
                Verdict.forbid("only-active-members-acknowledge", "Only active members acknowledge the norm book.").orThrow();
            }
            return norms.currentBook(networkId);
        }).chain(book -> {
            if (book == null || book.version != version) {
                throw ProblemException.conflict(book == null ? "There is no norm book to acknowledge yet."
                        : "Version " + version + " is not the current one: read and acknowledge version " + book.version + ".");
            }
            Uni<Acknowledgement> found = Acknowledgement.find("networkId = ?1 and memberId = ?2 and bookVersion = ?3",
                    networkId, memberId, version).firstResult();
            return found;
        }).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Acknowledgement a = new Acknowledgement();
            a.networkId = networkId;
            a.memberId = memberId;
            a.bookVersion = version;
            a.acknowledgedAt = clock.instant();
            return a.persist().chain(() -> outbox.add(NormsEvents.NORM_BOOK_ACKNOWLEDGED, networkId, "members/" + memberId,
                    new NormBookAcknowledged(networkId, memberId, version, a.acknowledgedAt))).replaceWith(a);
        });
    }

    /** Active members who have, or have not, acknowledged the current version. */
    @WithSession
    public Uni<Page<NormDtos.MemberRef>> coverage(UUID networkId, boolean acknowledged, PageRequest page) {
        return norms.currentBook(networkId).chain(book -> members.byAcknowledgement(networkId,
                        book == null ? 0 : book.version, acknowledged, page))
                .map(rows -> Page.of(rows, page, m -> m.id.toString(), m -> new NormDtos.MemberRef(m.id, m.displayName)));
    }
}
