package dev.cohesion.metrics.service;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeIssued;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.metrics.repository.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organisers' requests that a member reconsider an adopted purpose, learnt from members-service's
 * reconsider-purpose notices (one per member asked): kept per member and purpose with the time of the first, so that
 * health can show how the members asked answered (docs/engagement-model.md#reconsideration).
 */
@ApplicationScoped
public class ReconsiderationRequests {

    public static final EventType<NoticeIssued> NOTICE = MembersEvents.NOTICES.get(NoticeKind.RECONSIDER_PURPOSE);
    private static final Pattern ABOUT =
            Pattern.compile("purposes/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private final Inbox inbox;

    ReconsiderationRequests(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Records the request, in the consumer's transaction. A notice about anything but a purpose, or to someone who is
     * not a member of the network here, is dead-lettered with the reason: the members topic is ordered per network, so
     * such a notice is wrong, not early. A second notice for the same member and purpose (members-service sends one,
     * but a replay may bring it under another event id) keeps the first time.
     */
    public Uni<Void> record(ConsumedEvent e) {
        NoticeIssued notice = e.payload(NOTICE);
        UUID purposeId = purposeOf(notice.about());
        if (purposeId == null) {
            return inbox.deadLetter(e, "a reconsider-purpose notice must be about purposes/<purposeId>, not '" + notice.about() + "'");
        }
        return Sql.column("""
                with known as (select id, network_id from member where id = :member and network_id = :network),
                     asked as (insert into reconsideration (member_id, purpose_id, network_id, asked_at)
                               select id, :purpose, network_id, :at from known
                               on conflict (member_id, purpose_id) do nothing)
                select count(*) from known""", Long.class,
                "member", notice.memberId(), "network", notice.networkId(), "purpose", purposeId, "at", notice.issuedAt())
                .chain(known -> known.get(0) == 0
                        ? inbox.deadLetter(e, "member " + notice.memberId() + " is not a member of network " + notice.networkId() + " here")
                        : Uni.createFrom().voidItem());
    }

    /** Erasure: the member's requests go (the figures then count them as never asked). */
    public Uni<Void> forget(UUID memberId) {
        return Sql.update("delete from reconsideration where member_id = :id", "id", memberId).replaceWithVoid();
    }

    /** The purpose id of {@code purposes/<uuid>}; null for anything else. */
    static UUID purposeOf(String about) {
        Matcher m = ABOUT.matcher(about == null ? "" : about);
        return m.matches() ? UUID.fromString(m.group(1)) : null;
    }
}
