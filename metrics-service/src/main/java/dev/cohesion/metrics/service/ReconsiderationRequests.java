package dev.cohesion.metrics.service;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeIssued;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.metrics.repository.ProjectionStore;
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

    private final ProjectionStore store;
    private final Inbox inbox;

    ReconsiderationRequests(ProjectionStore store, Inbox inbox) {
        this.store = store;
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
        return store.reconsiderationAsked(notice.networkId(), notice.memberId(), purposeId, notice.issuedAt())
                .chain(known -> !known
                        ? inbox.deadLetter(e, "member " + notice.memberId() + " is not a member of network " + notice.networkId() + " here")
                        : Uni.createFrom().voidItem());
    }

    /** Erasure: the member's requests go (the figures then count them as never asked). */
    public Uni<Void> forget(UUID memberId) {
        return store.forgetReconsiderations(memberId);
    }

    /** The purpose id of {@code purposes/<uuid>}; null for anything else. */
    static UUID purposeOf(String about) {
        Matcher m = ABOUT.matcher(about == null ? "" : about);
        return m.matches() ? UUID.fromString(m.group(1)) : null;
    }
}
