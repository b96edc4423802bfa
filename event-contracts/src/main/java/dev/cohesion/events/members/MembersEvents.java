package dev.cohesion.events.members;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The event types members-service publishes: on {@value Topics#MEMBERS}, keyed by network id, and the members'
 * profiles on {@value Topics#MEMBER_PROFILES}, keyed by member id.
 */
public final class MembersEvents {

    public static final EventType<NetworkCreated> NETWORK_CREATED = type("network-created", NetworkCreated.class);
    public static final EventType<NetworkUpdated> NETWORK_UPDATED = type("network-updated", NetworkUpdated.class);
    public static final EventType<MemberJoined> MEMBER_JOINED =
            EventType.of(Topics.MEMBERS, "cohesion.members.member-joined.v2", MemberJoined.class);
    /** Retired, not produced: it carried personal data on a topic kept forever. Read for its facts only. */
    public static final EventType<MemberJoinedV1> MEMBER_JOINED_V1 = type("member-joined", MemberJoinedV1.class);
    /** Retired, not produced: profiles travel on {@value Topics#MEMBER_PROFILES} only. Consumers ignore it. */
    public static final EventType<MemberProfileChanged> MEMBER_PROFILE_CHANGED =
            type("member-profile-changed", MemberProfileChanged.class);
    public static final EventType<MemberStatusChanged> MEMBER_STATUS_CHANGED =
            type("member-status-changed", MemberStatusChanged.class);
    public static final EventType<MemberRolesChanged> MEMBER_ROLES_CHANGED =
            type("member-roles-changed", MemberRolesChanged.class);
    public static final EventType<MemberErased> MEMBER_ERASED = type("member-erased", MemberErased.class);
    public static final EventType<MemberExportRequested> MEMBER_EXPORT_REQUESTED =
            type("member-export-requested", MemberExportRequested.class);
    public static final EventType<PurposeConsultationOpened> PURPOSE_CONSULTATION_OPENED =
            type("purpose-consultation-opened", PurposeConsultationOpened.class);
    public static final EventType<StanceRecorded> STANCE_RECORDED = type("stance-recorded", StanceRecorded.class);
    public static final EventType<PurposeAdopted> PURPOSE_ADOPTED = type("purpose-adopted", PurposeAdopted.class);
    public static final EventType<PurposeRejected> PURPOSE_REJECTED = type("purpose-rejected", PurposeRejected.class);
    public static final EventType<PurposeSuperseded> PURPOSE_SUPERSEDED =
            type("purpose-superseded", PurposeSuperseded.class);
    public static final EventType<PartnerRegistered> PARTNER_REGISTERED = type("partner-registered", PartnerRegistered.class);
    public static final EventType<PartnerRevoked> PARTNER_REVOKED = type("partner-revoked", PartnerRevoked.class);
    public static final EventType<WebhookDisabled> WEBHOOK_DISABLED = type("webhook-disabled", WebhookDisabled.class);
    /** On {@value Topics#MEMBER_PROFILES}, keyed by member id. */
    public static final EventType<MemberProfile> MEMBER_PROFILE =
            EventType.of(Topics.MEMBER_PROFILES, "cohesion.members.member-profile.v1", MemberProfile.class);

    /** One event type per kind of notice, all with the same payload: {@code cohesion.members.notice-<kind>.v1}. */
    public static final Map<NoticeKind, EventType<NoticeIssued>> NOTICES = notices();

    public static final List<EventType<?>> ALL = Stream.concat(Stream.<EventType<?>>of(NETWORK_CREATED, NETWORK_UPDATED, MEMBER_JOINED,
            MEMBER_JOINED_V1, MEMBER_PROFILE_CHANGED, MEMBER_STATUS_CHANGED, MEMBER_ROLES_CHANGED, MEMBER_ERASED,
            MEMBER_EXPORT_REQUESTED, PURPOSE_CONSULTATION_OPENED, STANCE_RECORDED, PURPOSE_ADOPTED, PURPOSE_REJECTED,
            PURPOSE_SUPERSEDED, PARTNER_REGISTERED, PARTNER_REVOKED, WEBHOOK_DISABLED, MEMBER_PROFILE),
            NOTICES.values().stream()).toList();

    private MembersEvents() {
    }

    private static Map<NoticeKind, EventType<NoticeIssued>> notices() {
        Map<NoticeKind, EventType<NoticeIssued>> types = new EnumMap<>(NoticeKind.class);
        for (NoticeKind kind : NoticeKind.values()) {
            types.put(kind, type(kind.eventName(), NoticeIssued.class));
        }
        return Collections.unmodifiableMap(types);
    }

    private static <T> EventType<T> type(String event, Class<T> payload) {
        return EventType.of(Topics.MEMBERS, "cohesion.members." + event + ".v1", payload);
    }
}
