package dev.cohesion.norms.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormBook;
import dev.cohesion.norms.domain.NormStatus;
import dev.cohesion.norms.domain.NormVersion;
import dev.cohesion.norms.events.NormEventPayloads;
import dev.cohesion.norms.repository.NetworkRulesRepository;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.rest.NormDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Norms and the versioned norm book: every change to the active set publishes a new book version, which members
 * acknowledge anew ({@link AcknowledgementService}).
 */
@ApplicationScoped
public class NormBookService {

    /** One (norm, version) pair of a book. */
    record Entry(UUID normId, int normVersion) {
    }

    private final NormRepository norms;
    private final NetworkRulesService networks;
    private final NetworkRulesRepository rules;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    NormBookService(NormRepository norms, NetworkRulesService networks, NetworkRulesRepository rules, Outbox outbox,
                    AuditLog audit, Clock clock) {
        this.rules = rules;
        this.norms = norms;
        this.networks = networks;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log keeps of a norm. */
    public record NormState(String code, NormStatus status, int version, String title, String text, String category,
                            String severity) {
        static NormState of(Norm n) {
            return new NormState(n.code, n.status, n.version, n.title, n.text, String.valueOf(n.category), String.valueOf(n.severity));
        }
    }

    private Uni<Void> audited(Norm n, String action, NormState before) {
        return audit.record(n.networkId, action, "norm", n.id, before, NormState.of(n));
    }

    @WithTransaction
    public Uni<Norm> propose(UUID networkId, NormDtos.NewNorm request) {
        return networks.get(networkId).chain(n -> norms.codeTaken(networkId, request.code())).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("The network already has a norm " + request.code() + ".");
            }
            Norm norm = newNorm(networkId, request.code(), request.title(), request.text(), request.category(), request.severity());
            return norms.persist(norm).chain(() -> NormVersion.of(norm, norm.createdAt).persist())
                    .chain(() -> audited(norm, "norm.proposed", null)).replaceWith(norm);
        });
    }

    @WithTransaction
    public Uni<Norm> activate(UUID networkId, UUID normId) {
        return norm(networkId, normId).chain(n -> {
            requireStatus(n, NormStatus.PROPOSED, "only a proposed norm is activated");
            NormState before = NormState.of(n);
            n.status = NormStatus.ACTIVE;
            n.updatedAt = clock.instant();
            return norms.flush().chain(() -> publish(networkId, n.code + " activated"))
                    .chain(() -> audited(n, "norm.activated", before)).replaceWith(n);
        });
    }

    /** A proposed norm is edited in place; an active one gets a new text version and a new book version. */
    @WithTransaction
    public Uni<Norm> amend(UUID networkId, UUID normId, String ifMatch, NormDtos.NormText text) {
        return norm(networkId, normId).chain(n -> {
            ETags.require(ifMatch, n.rowVersion);
            NormState before = NormState.of(n);
            return amend(n, text).call(amended -> audited(amended, "norm.amended", before));
        });
    }

    Uni<Norm> amend(Norm n, NormDtos.NormText text) {
        if (n.status == NormStatus.RETIRED) {
            throw ProblemException.invalidTransition("norm " + n.code, n.status, "a retired norm does not change");
        }
        Instant now = clock.instant();
        n.title = text.title();
        n.text = text.text();
        n.category = text.category();
        n.severity = text.severity();
        n.updatedAt = now;
        if (n.status == NormStatus.PROPOSED) {
            return norms.version(n.id, n.version).chain(v -> {
                v.title = n.title;
                v.text = n.text;
                v.category = n.category;
                v.severity = n.severity;
                return norms.flush();
            }).replaceWith(n);
        }
        n.version++;
        return norms.flush().chain(() -> NormVersion.of(n, now).persist())
                .chain(() -> publish(n.networkId, n.code + " amended to version " + n.version)).replaceWith(n);
    }

    @WithTransaction
    public Uni<Norm> retire(UUID networkId, UUID normId) {
        return norm(networkId, normId).chain(n -> {
            NormState before = NormState.of(n);
            return retire(n).call(retired -> audited(retired, "norm.retired", before));
        });
    }

    Uni<Norm> retire(Norm n) {
        requireStatus(n, NormStatus.ACTIVE, "only an active norm is retired");
        n.status = NormStatus.RETIRED;
        n.updatedAt = clock.instant();
        return norms.flush().chain(() -> publish(n.networkId, n.code + " retired")).replaceWith(n);
    }

    /** Adds an active norm at once (an adopted ADD proposal). */
    Uni<Norm> add(UUID networkId, String code, NormDtos.NormText text) {
        return norms.codeTaken(networkId, code).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("The network already has a norm " + code + ".");
            }
            Norm n = newNorm(networkId, code, text.title(), text.text(), text.category(), text.severity());
            n.status = NormStatus.ACTIVE;
            return norms.persist(n).chain(() -> NormVersion.of(n, n.createdAt).persist())
                    .chain(() -> publish(networkId, code + " added by the members' vote")).replaceWith(n);
        });
    }

    /**
     * The periodic re-acknowledgement: when the network asks for one and its current version is that many months old,
     * the same norms become the next version, which every active member acknowledges anew (members-service reminds
     * them). The network's row is locked first, so two instances renew once; the check is repeated under the lock.
     */
    @WithTransaction
    public Uni<NormBook> renewIfDue(UUID networkId) {
        return rules.locked(networkId).chain(network -> network == null || network.reacknowledgeMonths == null
                ? Uni.createFrom().nullItem() : norms.currentBook(networkId).chain(current -> {
                    if (current == null || !NormBook.renewalDue(current, network.reacknowledgeMonths, clock.instant())) {
                        return Uni.createFrom().nullItem();
                    }
                    return publish(networkId, "Periodic re-acknowledgement (every " + network.reacknowledgeMonths
                            + " months): the norms of version " + current.version + ", unchanged.", true);
                }));
    }

    /** Publishes the active set as the next book version. */
    Uni<NormBook> publish(UUID networkId, String note) {
        return publish(networkId, note, null);
    }

    /** Under a lock on the network's row: a renewal and an organiser's change never compute the same version. */
    private Uni<NormBook> publish(UUID networkId, String note, Boolean renewal) {
        return rules.locked(networkId).chain(() -> norms.active(networkId)).chain(active -> norms.currentBook(networkId).chain(current -> {
            NormBook book = new NormBook();
            book.networkId = networkId;
            book.version = current == null ? 1 : current.version + 1;
            book.entries = json(active.stream().map(n -> new Entry(n.id, n.version)).toList());
            book.changeNote = note;
            book.publishedAt = clock.instant();
            return book.persist().chain(() -> outbox.add(NormsEvents.NORM_BOOK_PUBLISHED, networkId, "norm-book/" + book.version,
                    new NormBookPublished(networkId, book.version, active.stream().map(NormEventPayloads::entry).toList(),
                            book.publishedAt, renewal))).replaceWith(book);
        }));
    }

    @WithSession
    public Uni<NormDtos.Book> current(UUID networkId) {
        return networks.get(networkId).chain(n -> norms.currentBook(networkId)).chain(book -> {
            if (book == null) {
                throw new ProblemException(dev.cohesion.kit.api.problem.ProblemType.NOT_FOUND,
                        "This network has no norm book yet: activate a norm to publish version 1.");
            }
            return view(book);
        });
    }

    @WithSession
    public Uni<NormDtos.Book> version(UUID networkId, int version) {
        return networks.get(networkId).chain(n -> norms.book(networkId, version)).chain(book -> {
            if (book == null) {
                throw ProblemException.notFound("norm book version", version);
            }
            return view(book);
        });
    }

    @WithSession
    public Uni<NormDtos.Diff> diff(UUID networkId, int from, int to) {
        return version(networkId, from).chain(a -> version(networkId, to).map(b -> {
            Map<UUID, NormDtos.BookEntry> before = byNorm(a.norms());
            Map<UUID, NormDtos.BookEntry> after = byNorm(b.norms());
            List<NormDtos.BookEntry> added = new ArrayList<>();
            List<NormDtos.BookEntry> removed = new ArrayList<>();
            List<NormDtos.Amendment> amended = new ArrayList<>();
            after.forEach((id, e) -> {
                NormDtos.BookEntry old = before.get(id);
                if (old == null) {
                    added.add(e);
                } else if (old.normVersion() != e.normVersion()) {
                    amended.add(new NormDtos.Amendment(old, e));
                }
            });
            before.forEach((id, e) -> {
                if (!after.containsKey(id)) {
                    removed.add(e);
                }
            });
            return new NormDtos.Diff(from, to, added, removed, amended);
        }));
    }

    @WithSession
    public Uni<List<Norm>> list(UUID networkId) {
        return networks.get(networkId).chain(n -> norms.all(networkId));
    }

    @WithSession
    public Uni<Norm> norm(UUID networkId, UUID normId) {
        return norms.inNetwork(networkId, normId).onItem().ifNull().failWith(() -> ProblemException.notFound("norm", normId));
    }

    @WithSession
    public Uni<List<NormVersion>> versions(UUID networkId, UUID normId) {
        return norm(networkId, normId).chain(n -> norms.versions(normId));
    }

    private Uni<NormDtos.Book> view(NormBook book) {
        List<Entry> entries = entries(book);
        Uni<List<NormDtos.BookEntry>> resolved = Uni.createFrom().item(new ArrayList<>());
        for (Entry e : entries) {
            resolved = resolved.chain(list -> norms.findById(e.normId()).chain(n -> norms.version(e.normId(), e.normVersion())
                    .map(v -> {
                        list.add(new NormDtos.BookEntry(n.id, n.code, v.version, v.title, v.text, v.category, v.severity));
                        return list;
                    })));
        }
        return resolved.map(list -> new NormDtos.Book(book.version, book.publishedAt, book.changeNote, list));
    }

    static List<Entry> entries(NormBook book) {
        try {
            return EventJson.MAPPER.readValue(book.entries, new TypeReference<List<Entry>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable norm book " + book.version, e);
        }
    }

    private Norm newNorm(UUID networkId, String code, String title, String text, String category,
                         dev.cohesion.events.norms.Severity severity) {
        Instant now = clock.instant();
        Norm n = new Norm();
        n.id = Ids.next();
        n.networkId = networkId;
        n.code = code;
        n.title = title;
        n.text = text;
        n.category = category;
        n.severity = severity;
        n.status = NormStatus.PROPOSED;
        n.version = 1;
        n.createdAt = now;
        n.updatedAt = now;
        return n;
    }

    private static Map<UUID, NormDtos.BookEntry> byNorm(List<NormDtos.BookEntry> entries) {
        Map<UUID, NormDtos.BookEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.normId(), e));
        return map;
    }

    private static void requireStatus(Norm n, NormStatus expected, String detail) {
        if (n.status != expected) {
            throw ProblemException.invalidTransition("norm " + n.code, n.status, detail);
        }
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
