package dev.cohesion.members.repository;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.members.Stance;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.Notice;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.domain.NoticePreferences;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Notices, their fan-outs and members' preferences (tables notice, notice_fanout, notice_preferences). */
@ApplicationScoped
@WithSession
public class NoticeRepository implements PanacheRepositoryBase<Notice, UUID> {

    /** A notice claimed for sending, with what its e-mail needs. */
    public record ToSend(UUID id, UUID networkId, String networkName, UUID memberId, String email, NoticeKind kind,
                         String about, Instant dueAt, boolean digest, int attempts) {
    }

    private static final String CLAIM = """
            with due as (
                select id from notice
                where status = 'PENDING' and (claimed_at is null or claimed_at < cast($1 as timestamptz) - attempts * interval '1 minute')
                  and (not digest or member_id in (
                    select member_id from notice where status = 'PENDING' and digest
                    group by member_id having min(created_at) < $2))
                order by created_at limit $3
                for update skip locked)
            update notice n set status = 'SENDING', claimed_at = $1, attempts = n.attempts + 1
            from due where n.id = due.id
            returning n.id""";

    private static final String DETAILS = """
            select n.id, n.network_id, w.name as network_name, n.member_id, m.email, n.kind, n.about, n.due_at, n.digest, n.attempts
            from notice n join member m on m.id = n.member_id join network w on w.id = n.network_id
            where n.id = any($1) order by n.member_id, n.created_at""";

    private final Pool pool;

    NoticeRepository(Pool pool) {
        this.pool = pool;
    }

    /** Of these ids, the members of the network (a forged or stale event may name others). */
    public Uni<List<UUID>> membersOf(UUID networkId, Collection<UUID> memberIds) {
        return getSession().chain(s -> s.createSelectionQuery("select m.id from Member m where m.networkId = :network and m.id in :ids",
                UUID.class).setParameter("network", networkId).setParameter("ids", memberIds).getResultList());
    }

    /** Of these members, those who already have the notice (kind, about): a notice is never issued twice. */
    public Uni<Set<UUID>> alreadyNoticed(NoticeKind kind, String about, Collection<UUID> memberIds) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select n.memberId from Notice n where n.kind = :kind and n.about = :about and n.memberId in :ids", UUID.class)
                .setParameter("kind", kind).setParameter("about", about).setParameter("ids", memberIds).getResultList())
                .map(HashSet::new);
    }

    public Uni<List<NoticePreferences>> preferencesOf(Collection<UUID> memberIds) {
        return NoticePreferences.list("memberId in ?1", memberIds);
    }

    public Uni<NoticePreferences> preferences(UUID memberId) {
        return NoticePreferences.<NoticePreferences>findById(memberId);
    }

    /** The next members of a fan-out's audience after its cursor, by member id. */
    public Uni<List<UUID>> audience(NoticeFanout fanout, int limit) {
        String stance = switch (fanout.audience) {
            case ACTIVE -> "";
            case ACTIVE_WITHOUT_STANCE -> " and not exists (select 1 from StanceRecord st where st.memberId = m.id and st.purposeId = :subject)";
            case NOT_ENDORSING -> " and not exists (select 1 from StanceRecord st where st.memberId = m.id and st.purposeId = :subject "
                    + "and st.stance <> :object)";
            case ACTIVE_WITHOUT_VOTE -> " and not exists (select 1 from NormChangeVoter v where v.memberId = m.id and v.proposalId = :subject)";
        };
        String narrowed = fanout.memberIds == null ? "" : " and m.id in :ids";
        return getSession().chain(s -> {
            var query = s.createSelectionQuery("select m.id from Member m where m.networkId = :network and m.status = :active"
                            + " and m.id > :after" + stance + narrowed + " order by m.id", UUID.class)
                    .setParameter("network", fanout.networkId).setParameter("active", MemberStatus.ACTIVE)
                    .setParameter("after", fanout.afterMember == null ? new UUID(0, 0) : fanout.afterMember);
            if (fanout.subjectId != null) {
                query.setParameter("subject", fanout.subjectId);
            }
            if (fanout.audience == NoticeFanout.Audience.NOT_ENDORSING) {
                query.setParameter("object", Stance.OBJECT);
            }
            if (fanout.memberIds != null) {
                query.setParameter("ids", List.of(fanout.memberIds));
            }
            return query.setMaxResults(limit).getResultList();
        });
    }

    public Uni<Integer> endFanOuts(UUID subjectId, Instant now) {
        return getSession().chain(s -> s.createMutationQuery("update NoticeFanout set doneAt = :now where subjectId = :subject and doneAt is null")
                .setParameter("now", now).setParameter("subject", subjectId).executeUpdate());
    }

    /** The oldest unfinished fan-out no other instance is working on, locked until the caller's transaction ends. */
    public Uni<NoticeFanout> nextFanout() {
        return getSession().chain(s -> s.createNativeQuery("select * from notice_fanout where done_at is null "
                        + "order by created_at limit 1 for update skip locked", NoticeFanout.class).getSingleResultOrNull());
    }

    /**
     * Claims up to {@code limit} notices to e-mail now: those to send at once, and every pending one of a member whose
     * oldest digest notice is older than {@code digestBefore}. A notice whose send failed waits a minute per attempt.
     * Rows another instance claims are skipped.
     */
    public Uni<List<ToSend>> claim(Instant now, Instant digestBefore, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), digestBefore.atOffset(ZoneOffset.UTC), limit))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<ToSend>of());
                    }
                    return pool.preparedQuery(DETAILS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(details -> {
                        List<ToSend> claimed = new ArrayList<>();
                        for (Row r : details) {
                            OffsetDateTime due = r.getOffsetDateTime("due_at");
                            claimed.add(new ToSend(r.getUUID("id"), r.getUUID("network_id"), r.getString("network_name"),
                                    r.getUUID("member_id"), r.getString("email"), NoticeKind.valueOf(r.getString("kind")),
                                    r.getString("about"), due == null ? null : due.toInstant(), r.getBoolean("digest"),
                                    r.getInteger("attempts")));
                        }
                        return claimed;
                    });
                });
    }

    /** Records how sending ended: SENT, back to PENDING for another try, FAILED or NOT_EMAILED. */
    public Uni<Void> finish(Collection<UUID> ids, Notice.Status status, String error, Instant now) {
        return pool.preparedQuery("update notice set status = $2, last_error = $3, sent_at = $4 where id = any($1) and status = 'SENDING'")
                .execute(Tuple.of(ids.toArray(UUID[]::new), status.name(), error,
                        status == Notice.Status.SENT ? now.atOffset(ZoneOffset.UTC) : null))
                .replaceWithVoid();
    }

    /**
     * Notices a crashed sender left claimed: they may have gone out, so they are not sent again (never twice) but
     * marked FAILED for the member and the organisers to see. Returns how many.
     */
    public Uni<Integer> abandonClaimedBefore(Instant before) {
        return pool.preparedQuery("update notice set status = 'FAILED', last_error = 'interrupted while sending; not resent, "
                        + "so that it cannot arrive twice' where status = 'SENDING' and claimed_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** A member's notices, newest first. */
    public Uni<List<Notice>> ofMember(UUID memberId, PageRequest page) {
        return page.afterId() == null
                ? find("memberId = ?1 order by id desc", memberId).page(0, page.fetch()).list()
                : find("memberId = ?1 and id < ?2 order by id desc", memberId, page.afterId()).page(0, page.fetch()).list();
    }

    public static Uni<Void> persistAll(List<Notice> notices) {
        return notices.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(s -> s.persistAll(notices.toArray()));
    }
}
