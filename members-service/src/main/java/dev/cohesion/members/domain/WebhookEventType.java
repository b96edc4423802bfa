package dev.cohesion.members.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cohesion.events.members.PartnerScope;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a partner may subscribe to (docs/partners.md): the public facts of a network, each with the scope the partner
 * needs to receive it (none: every partner of the network may). The wire name follows Standard Webhooks'
 * {@code group.event} convention.
 */
public enum WebhookEventType {
    @JsonProperty("member.joined") MEMBER_JOINED(PartnerScope.DIRECTORY_READ),
    @JsonProperty("member.status-changed") MEMBER_STATUS_CHANGED(PartnerScope.DIRECTORY_READ),
    @JsonProperty("purpose.adopted") PURPOSE_ADOPTED(null),
    @JsonProperty("norm-book.published") NORM_BOOK_PUBLISHED(null),
    @JsonProperty("sanction.applied") SANCTION_APPLIED(PartnerScope.DIRECTORY_READ),
    @JsonProperty("sanction.lifted") SANCTION_LIFTED(PartnerScope.DIRECTORY_READ),
    @JsonProperty("network-health.changed") HEALTH_CHANGED(PartnerScope.HEALTH_READ),
    /** A member was asked to take part (consultations, the norm book): for partners that bring notices into their app. */
    @JsonProperty("notice.issued") NOTICE_ISSUED(PartnerScope.DIRECTORY_READ);

    private final PartnerScope scope;

    WebhookEventType(PartnerScope scope) {
        this.scope = scope;
    }

    /** The type as bodies and the API write it (the constant's JSON name), e.g. {@code member.joined}. */
    public String wireName() {
        try {
            return WebhookEventType.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scope a partner needs to receive it; empty: none. */
    public Optional<PartnerScope> scope() {
        return Optional.ofNullable(scope);
    }

    public boolean allowedFor(String[] partnerScopes) {
        return scope == null || Arrays.asList(partnerScopes).contains(scope.name());
    }
}
