package dev.cohesion.members.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeIssued;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.config.NoticesConfig;
import dev.cohesion.members.domain.Network;
import dev.cohesion.members.domain.Notice;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.domain.NoticePreferences;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.repository.NoticeRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Issues notices (docs/notifications.md): a row per member and occurrence, and its event
 * ({@code cohesion.members.notice-<kind>.v1}) in the same transaction. A member never gets one notice twice (the
 * rows are unique per member, kind and subject, and a redelivered event finds them), and a muted kind is not issued.
 */
@ApplicationScoped
public class Notices {

    private final NoticeRepository notices;
    private final MemberRepository members;
    private final Outbox outbox;
    private final NoticesConfig config;
    private final Clock clock;

    Notices(NoticeRepository notices, MemberRepository members, Outbox outbox, NoticesConfig config, Clock clock) {
        this.notices = notices;
        this.members = members;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** A notice to one member, in the caller's transaction; false when the network has no such member. */
    public Uni<Boolean> issue(UUID networkId, UUID memberId, NoticeKind kind, String about) {
        return issue(networkId, memberId, kind, about, null);
    }

    /** A notice to one member that asks them to act by {@code dueAt} (null: no date), in the caller's transaction. */
    public Uni<Boolean> issue(UUID networkId, UUID memberId, NoticeKind kind, String about, Instant dueAt) {
        return notices.membersOf(networkId, List.of(memberId)).chain(known -> known.isEmpty() ? Uni.createFrom().item(false)
                : issueTo(networkId, known, kind, about, dueAt).replaceWith(true));
    }

    /**
     * A notice to many members, in the caller's transaction: only the fan-out is written now; its pages are issued
     * afterwards ({@link #issueNextPage}). False when there is no such network.
     */
    public Uni<Boolean> fanOut(UUID networkId, NoticeKind kind, String about, NoticeFanout.Audience audience, UUID subjectId,
                               Collection<UUID> memberIds) {
        return Network.<Network>findById(networkId).chain(network -> network == null ? Uni.createFrom().item(false)
                : fanOutIn(networkId, kind, about, audience, subjectId, memberIds).replaceWith(true));
    }

    private Uni<Void> fanOutIn(UUID networkId, NoticeKind kind, String about, NoticeFanout.Audience audience, UUID subjectId,
                               Collection<UUID> memberIds) {
        NoticeFanout f = new NoticeFanout();
        f.id = Ids.next();
        f.networkId = networkId;
        f.kind = kind;
        f.about = about;
        f.audience = audience;
        f.subjectId = subjectId;
        f.memberIds = memberIds == null ? null : memberIds.toArray(UUID[]::new);
        f.createdAt = clock.instant();
        return f.persist().replaceWithVoid();
    }

    /**
     * Ends the unfinished fan-outs about a subject that no longer calls for them (a vote decided before its
     * reminders were all issued): the members not reached yet are not reminded of a closed vote.
     */
    public Uni<Integer> endFanOuts(UUID subjectId) {
        return notices.endFanOuts(subjectId, clock.instant());
    }

    /** Issues the next page of the oldest unfinished fan-out; false when none was left. */
    @WithTransaction
    public Uni<Boolean> issueNextPage() {
        return notices.nextFanout().chain(f -> {
            if (f == null) {
                return Uni.createFrom().item(false);
            }
            return notices.audience(f, config.fanoutPage()).chain(ids -> issueTo(f.networkId, ids, f.kind, f.about, null).invoke(() -> {
                if (ids.size() < config.fanoutPage()) {
                    f.doneAt = clock.instant();
                } else {
                    f.afterMember = ids.get(ids.size() - 1);
                }
            })).replaceWith(true);
        });
    }

    /** Issues the notice to these members of the network who do not have it yet. */
    private Uni<Integer> issueTo(UUID networkId, List<UUID> memberIds, NoticeKind kind, String about, Instant dueAt) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return notices.alreadyNoticed(kind, about, memberIds).chain(done -> {
                    List<UUID> fresh = memberIds.stream().filter(id -> !done.contains(id)).toList();
                    return fresh.isEmpty() ? Uni.createFrom().item(List.<Notice>of()) : notices.preferencesOf(fresh)
                            .map(prefs -> build(networkId, fresh, kind, about, dueAt,
                                    prefs.stream().collect(Collectors.toMap(p -> p.memberId, Function.identity()))));
                })
                .chain(issued -> NoticeRepository.persistAll(issued).chain(() -> publish(issued)).replaceWith(issued.size()));
    }

    private List<Notice> build(UUID networkId, List<UUID> memberIds, NoticeKind kind, String about, Instant dueAt,
                               Map<UUID, NoticePreferences> chosen) {
        Instant now = clock.instant();
        List<Notice> issued = new ArrayList<>();
        for (UUID memberId : memberIds) {
            NoticePreferences p = chosen.getOrDefault(memberId, NoticePreferences.defaults(memberId));
            if (p.mutes(kind)) {
                continue;
            }
            Notice n = new Notice();
            n.id = Ids.next();
            n.networkId = networkId;
            n.memberId = memberId;
            n.kind = kind;
            n.about = about;
            n.dueAt = dueAt;
            n.status = p.initialStatus(kind);
            n.digest = p.digests(kind);
            n.createdAt = now;
            issued.add(n);
        }
        return issued;
    }

    /** A member's notices, newest first (the member themselves, or an organiser). */
    @WithSession
    public Uni<List<Notice>> ofMember(UUID networkId, UUID memberId, PageRequest page) {
        return member(networkId, memberId).chain(m -> notices.ofMember(memberId, page));
    }

    /** What the member chose, or the defaults. */
    @WithSession
    public Uni<NoticePreferences> preferences(UUID networkId, UUID memberId) {
        return member(networkId, memberId).chain(m -> notices.preferences(memberId))
                .map(p -> p == null ? NoticePreferences.defaults(memberId) : p);
    }

    /** The member's new choices; mandatory kinds cannot be muted. The next notices follow them. */
    @WithTransaction
    public Uni<NoticePreferences> choose(UUID networkId, UUID memberId, String ifMatch, boolean email, boolean digest,
                                         Set<NoticeKind> muted) {
        List<String> mandatory = muted.stream().filter(NoticeKind::mandatory).map(Enum::name).sorted().toList();
        if (!mandatory.isEmpty()) {
            throw ProblemException.invalidField("muted", "cannot mute " + String.join(", ", mandatory)
                    + ": notices about your own standing and invitations are always sent");
        }
        // the defaults are stored first (version 0, the ETag a member who never chose reads), then changed
        return member(networkId, memberId).chain(m -> notices.preferences(memberId))
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : stored(NoticePreferences.defaults(memberId)))
                .chain(p -> {
                    if (ifMatch != null) {
                        ETags.require(ifMatch, p.version);
                    }
                    p.email = email;
                    p.digest = digest;
                    p.muted = muted.stream().map(Enum::name).sorted().toArray(String[]::new);
                    p.updatedAt = clock.instant();
                    return stored(p);
                });
    }

    private Uni<NoticePreferences> stored(NoticePreferences p) {
        p.updatedAt = p.updatedAt == null ? clock.instant() : p.updatedAt;
        return p.<NoticePreferences>persist().chain(() -> Panache.getSession()).chain(session -> session.flush()).replaceWith(p);
    }

    private Uni<Member> member(UUID networkId, UUID memberId) {
        return members.inNetwork(networkId, memberId).onItem().ifNull().failWith(() -> ProblemException.notFound("member", memberId));
    }

    private Uni<Void> publish(List<Notice> issued) {
        return InOrder.each(issued, n -> outbox.add(MembersEvents.NOTICES.get(n.kind), n.networkId, "members/" + n.memberId,
                new NoticeIssued(n.networkId, n.id, n.memberId, n.about, n.createdAt)));
    }
}
