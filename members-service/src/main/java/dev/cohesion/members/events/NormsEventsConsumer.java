package dev.cohesion.members.events;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.norms.AppealDecided;
import dev.cohesion.events.norms.CaseDecided;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormChangeVoteCast;
import dev.cohesion.events.norms.NormChangeVoteClosing;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.EventHandler;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.service.Notices;
import dev.cohesion.members.service.SanctionEffects;
import dev.cohesion.members.service.VoteReminders;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;

/**
 * Sanctions from norms-service change member status, and what norms-service decides about a member (a case, a
 * sanction, an appeal) or asks of every member (a new norm book to acknowledge, a vote closing soon) becomes a notice
 * (cohesion.norms.v1).
 */
@ApplicationScoped
public class NormsEventsConsumer implements EventHandler {

    private final Inbox inbox;
    private final SanctionEffects sanctions;
    private final Notices notices;
    private final VoteReminders votes;

    NormsEventsConsumer(Inbox inbox, SanctionEffects sanctions, Notices notices, VoteReminders votes) {
        this.votes = votes;
        this.inbox = inbox;
        this.sanctions = sanctions;
        this.notices = notices;
    }

    @Incoming("norms-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.process(records, this);
    }

    @Override
    public Set<EventType<?>> handles() {
        return Set.of(NormsEvents.SANCTION_APPLIED, NormsEvents.SANCTION_LIFTED, NormsEvents.CASE_DECIDED,
                NormsEvents.APPEAL_DECIDED, NormsEvents.NORM_BOOK_PUBLISHED, NormsEvents.NORM_CHANGE_VOTE_CAST,
                NormsEvents.NORM_CHANGE_VOTE_CLOSING, NormsEvents.NORM_CHANGE_DECIDED);
    }

    @Override
    public Uni<Void> apply(List<ConsumedEvent> events) {
        return InOrder.each(events, this::apply);
    }

    private Uni<Void> apply(ConsumedEvent e) {
        if (e.is(NormsEvents.SANCTION_APPLIED)) {
            SanctionApplied p = e.payload(NormsEvents.SANCTION_APPLIED);
            // an unknown member is dead-lettered by SanctionEffects already
            return sanctions.applied(e).chain(() -> notices.issue(p.networkId(), p.memberId(), NoticeKind.SANCTION_APPLIED,
                    "sanctions/" + p.sanctionId(), p.appealUntil())).replaceWithVoid();
        } else if (e.is(NormsEvents.SANCTION_LIFTED)) {
            SanctionLifted p = e.payload(NormsEvents.SANCTION_LIFTED);
            return sanctions.lifted(e).chain(() -> notices.issue(p.networkId(), p.memberId(), NoticeKind.SANCTION_LIFTED, "sanctions/" + p.sanctionId())).replaceWithVoid();
        } else if (e.is(NormsEvents.CASE_DECIDED)) {
            CaseDecided p = e.payload(NormsEvents.CASE_DECIDED);
            return notice(e, notices.issue(p.networkId(), p.subjectMemberId(), NoticeKind.CASE_DECIDED, "cases/" + p.caseId()),
                    "names " + p.subjectMemberId() + ", who is not a member of network " + p.networkId());
        } else if (e.is(NormsEvents.APPEAL_DECIDED)) {
            AppealDecided p = e.payload(NormsEvents.APPEAL_DECIDED);
            return notice(e, notices.issue(p.networkId(), p.memberId(), NoticeKind.APPEAL_DECIDED, "appeals/" + p.appealId()),
                    "names " + p.memberId() + ", who is not a member of network " + p.networkId());
        } else if (e.is(NormsEvents.NORM_CHANGE_VOTE_CAST)) {
            NormChangeVoteCast p = e.payload(NormsEvents.NORM_CHANGE_VOTE_CAST);
            return notice(e, votes.voted(p), "names " + p.memberId() + ", who is not a member of network " + p.networkId());
        } else if (e.is(NormsEvents.NORM_CHANGE_VOTE_CLOSING)) {
            NormChangeVoteClosing p = e.payload(NormsEvents.NORM_CHANGE_VOTE_CLOSING);
            return notice(e, votes.closing(p), "names network " + p.networkId() + ", which does not exist here");
        } else if (e.is(NormsEvents.NORM_CHANGE_DECIDED)) {
            return votes.decided(e.payload(NormsEvents.NORM_CHANGE_DECIDED).proposalId());
        }
        NormBookPublished p = e.payload(NormsEvents.NORM_BOOK_PUBLISHED);
        NoticeKind kind = Boolean.TRUE.equals(p.renewal()) ? NoticeKind.NORM_BOOK_RENEWAL : NoticeKind.NORM_BOOK_TO_ACKNOWLEDGE;
        return notice(e, notices.fanOut(p.networkId(), kind, "norm-book/" + p.version(), NoticeFanout.Audience.ACTIVE, null, null),
                "names network " + p.networkId() + ", which does not exist here");
    }

    /** A notice (or a vote) that could not be recorded: the event goes to the dead-letter topic with the reason. */
    private Uni<Void> notice(ConsumedEvent e, Uni<Boolean> issued, String reason) {
        return issued.chain(ok -> ok ? Uni.createFrom().voidItem() : inbox.deadLetter(e, e.type().name() + " " + reason));
    }
}
