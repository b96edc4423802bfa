package dev.cohesion.members.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeIssued;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.NetworkHealthChanged;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.members.domain.WebhookEventType;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The thin bodies partners receive (docs/partners.md): the Standard Webhooks shape {@code {type, timestamp, data}}
 * with ids and facts only. Nothing a partner may not see travels: no reasons, notes, cases or reporters; of
 * sanctions only suspensions and removals, which change a member's standing in the directory the partner reads.
 */
public final class WebhookPayloads {

    /**
     * The notices partners may pass on: invitations to take part. A member's standing (cases, sanctions, appeals),
     * invitations, reconsideration requests and vote reminders (they tell who has not voted) stay between the member
     * and the organisers.
     */
    public static final Set<NoticeKind> PUBLIC_NOTICES =
            EnumSet.of(NoticeKind.CONSULTATION_OPENED, NoticeKind.CONSULTATION_CLOSING, NoticeKind.NORM_BOOK_TO_ACKNOWLEDGE,
                    NoticeKind.NORM_BOOK_RENEWAL);

    /** The topic events that feed webhooks, and the webhook type each becomes. */
    public static final Map<EventType<?>, WebhookEventType> FEEDS = feeds();

    private static final Set<SanctionRung> PUBLIC_RUNGS = Set.of(SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.PERMANENT_REMOVAL);

    private WebhookPayloads() {
    }

    private static Map<EventType<?>, WebhookEventType> feeds() {
        Map<EventType<?>, WebhookEventType> feeds = new HashMap<>(Map.of(
                MembersEvents.MEMBER_JOINED, WebhookEventType.MEMBER_JOINED,
                MembersEvents.MEMBER_STATUS_CHANGED, WebhookEventType.MEMBER_STATUS_CHANGED,
                MembersEvents.PURPOSE_ADOPTED, WebhookEventType.PURPOSE_ADOPTED,
                NormsEvents.NORM_BOOK_PUBLISHED, WebhookEventType.NORM_BOOK_PUBLISHED,
                NormsEvents.SANCTION_APPLIED, WebhookEventType.SANCTION_APPLIED,
                NormsEvents.SANCTION_LIFTED, WebhookEventType.SANCTION_LIFTED,
                MetricsEvents.NETWORK_HEALTH_CHANGED, WebhookEventType.HEALTH_CHANGED));
        PUBLIC_NOTICES.forEach(kind -> feeds.put(MembersEvents.NOTICES.get(kind), WebhookEventType.NOTICE_ISSUED));
        return Map.copyOf(feeds);
    }

    /** The body to deliver for the event; empty when partners are not told about it. */
    public static Optional<String> body(ConsumedEvent event) {
        WebhookEventType type = FEEDS.get(event.type());
        ObjectNode data = EventJson.MAPPER.createObjectNode().put("networkId", event.envelope().networkid().toString());
        switch (type) {
            case MEMBER_JOINED -> {
                MemberJoined p = event.payload(MembersEvents.MEMBER_JOINED);
                data.put("memberId", p.memberId().toString()).put("joinedAt", p.joinedAt().toString());
            }
            case MEMBER_STATUS_CHANGED -> {
                MemberStatusChanged p = event.payload(MembersEvents.MEMBER_STATUS_CHANGED);
                data.put("memberId", p.memberId().toString()).put("from", p.from() == null ? null : p.from().name())
                        .put("to", p.to().name()).put("until", p.until() == null ? null : p.until().toString())
                        .put("changedAt", p.changedAt().toString());
            }
            case PURPOSE_ADOPTED -> {
                PurposeAdopted p = event.payload(MembersEvents.PURPOSE_ADOPTED);
                data.put("purposeId", p.purposeId().toString()).put("version", p.version()).put("adoptedAt", p.adoptedAt().toString());
            }
            case NORM_BOOK_PUBLISHED -> {
                NormBookPublished p = event.payload(NormsEvents.NORM_BOOK_PUBLISHED);
                data.put("version", p.version()).put("publishedAt", p.publishedAt().toString());
            }
            case SANCTION_APPLIED -> {
                SanctionApplied p = event.payload(NormsEvents.SANCTION_APPLIED);
                if (!PUBLIC_RUNGS.contains(p.rung())) {
                    return Optional.empty();
                }
                data.put("sanctionId", p.sanctionId().toString()).put("memberId", p.memberId().toString()).put("rung", p.rung().name())
                        .put("appliedAt", p.appliedAt().toString()).put("endsAt", p.endsAt() == null ? null : p.endsAt().toString());
            }
            case SANCTION_LIFTED -> {
                SanctionLifted p = event.payload(NormsEvents.SANCTION_LIFTED);
                if (!PUBLIC_RUNGS.contains(p.rung())) {
                    return Optional.empty();
                }
                data.put("sanctionId", p.sanctionId().toString()).put("memberId", p.memberId().toString()).put("rung", p.rung().name())
                        .put("liftedAt", p.liftedAt().toString());
            }
            case NOTICE_ISSUED -> {
                NoticeKind kind = kindOf(event.type());
                NoticeIssued p = event.payload(MembersEvents.NOTICES.get(kind));
                data.put("noticeId", p.noticeId().toString()).put("memberId", p.memberId().toString()).put("kind", kind.name()).put("about", p.about()).put("issuedAt", p.issuedAt().toString());
            }
            case HEALTH_CHANGED -> {
                NetworkHealthChanged p = event.payload(MetricsEvents.NETWORK_HEALTH_CHANGED);
                data.put("score", p.score()).put("circle", p.circle().name()).put("computedAt", p.computedAt().toString());
            }
        }
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("type", type.wireName())
                .put("timestamp", event.envelope().time().toString());
        body.set("data", data);
        return Optional.of(body.toString());
    }

    private static NoticeKind kindOf(EventType<?> type) {
        return PUBLIC_NOTICES.stream().filter(k -> MembersEvents.NOTICES.get(k).equals(type)).findFirst().orElseThrow();
    }
}
