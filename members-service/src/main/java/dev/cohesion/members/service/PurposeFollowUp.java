package dev.cohesion.members.service;

import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.config.NoticesConfig;
import dev.cohesion.members.domain.NoticeFanout;
import dev.cohesion.members.domain.Purpose;
import dev.cohesion.members.domain.PurposeStatus;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.PurposeRepository;
import dev.cohesion.members.repository.StanceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reaching the members who have not endorsed a purpose version: the reminder before a consultation closes, and,
 * after the adoption, the organisers' follow-up list and their request to reconsider (docs/notifications.md).
 */
@ApplicationScoped
public class PurposeFollowUp {

    private final PurposeService purposes;
    private final PurposeRepository purposeRows;
    private final StanceRepository stances;
    private final Notices notices;
    private final NoticesConfig noticesConfig;
    private final AuditLog audit;
    private final Clock clock;

    PurposeFollowUp(PurposeService purposes, PurposeRepository purposeRows, StanceRepository stances, Notices notices,
                    NoticesConfig noticesConfig, AuditLog audit, Clock clock) {
        this.purposes = purposes;
        this.purposeRows = purposeRows;
        this.stances = stances;
        this.notices = notices;
        this.noticesConfig = noticesConfig;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whom to follow up after a consultation (organisers): the active members who objected or took no stance, to ask
     * them to reconsider or to leave with DOES_NOT_SHARE_PURPOSE. {@code stance} narrows to OBJECT or NONE.
     */
    @WithSession
    public Uni<Page<StanceRepository.NotEndorsing>> followUp(UUID networkId, UUID purposeId, String stance, PageRequest page) {
        return purposes.purpose(networkId, purposeId).chain(p -> {
            if (p.status == PurposeStatus.DRAFT) {
                throw new ProblemException(ProblemType.NOT_FOUND, "Purpose " + p.id + " is a draft: nobody took a stance on it.");
            }
            return stances.notEndorsing(networkId, purposeId, stance, page);
        }).map(rows -> Page.of(rows, page, r -> r.memberId().toString(), r -> r));
    }

    /**
     * Asks the active members who objected to the adopted purpose or took no stance (all of them, or those listed) to
     * endorse it or to leave with DOES_NOT_SHARE_PURPOSE: a notice each, issued in the background; who was asked
     * before is not asked again.
     */
    @WithTransaction
    public Uni<Instant> requestReconsideration(UUID networkId, UUID purposeId, List<UUID> memberIds) {
        return purposes.purpose(networkId, purposeId).chain(p -> {
            if (p.status != PurposeStatus.ADOPTED) {
                throw ProblemException.invalidTransition("purpose " + p.number, p.status,
                        "only the adopted purpose's objectors and silent members are asked to reconsider it");
            }
            return notices.fanOut(networkId, NoticeKind.RECONSIDER_PURPOSE, MemberEventPayloads.subject(p),
                    NoticeFanout.Audience.NOT_ENDORSING, p.id, memberIds)
                    .call(() -> audit.record(networkId, "purpose.reconsideration-requested", "purpose", p.id, null,
                            memberIds == null || memberIds.isEmpty() ? Map.of("asked", "every member not endorsing")
                                    : Map.of("asked", memberIds)));
        }).map(ignored -> clock.instant());
    }

    /**
     * Reminds the members without a stance of each consultation closing within the reminder window, once. The mark is
     * a plain update, not a new version of the purpose (an organiser's edit or closure meanwhile stays valid), and
     * only the instance whose update marked it fans out. A consultation no longer than the window was marked when it
     * opened: its opening notice said when it closes.
     */
    @WithTransaction
    public Uni<Void> remindClosing() {
        Instant now = clock.instant();
        return purposeRows.<Purpose>list("status = ?1 and closingRemindedAt is null and opensAt <= ?2 and closesAt > ?2 and closesAt <= ?3",
                PurposeStatus.IN_CONSULTATION, now, now.plus(noticesConfig.closingReminder())).chain(due -> InOrder.each(due, (Purpose p) ->
                purposeRows.update("closingRemindedAt = ?1 where id = ?2 and closingRemindedAt is null", now, p.id)
                        .chain(marked -> marked == 0 ? Uni.createFrom().voidItem()
                                : notices.fanOut(p.networkId, NoticeKind.CONSULTATION_CLOSING, MemberEventPayloads.subject(p),
                                NoticeFanout.Audience.ACTIVE_WITHOUT_STANCE, p.id, null).replaceWithVoid())));
    }
}
