package dev.cohesion.members.service;

import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.security.Caller;
import dev.cohesion.kit.api.security.NetworkRole;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.SharedField;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.rest.MemberDtos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller may see of members: organisers see everything; members see active members and alumni without
 * e-mail addresses (their own record in full); partners see active members and only the fields each consented
 * to share; a person on record (an applicant, a member who left or was removed) sees their own record only.
 */
public record Viewer(UUID networkId, Caller caller) {

    public boolean organiser() {
        return caller.is(networkId, NetworkRole.ORGANISER);
    }

    public boolean partnerOnly() {
        return !caller.is(networkId, NetworkRole.MEMBER) && caller.is(networkId, NetworkRole.PARTNER);
    }

    public boolean self(Member m) {
        return caller.memberId(networkId).map(m.id::equals).orElse(false);
    }

    /** Statuses this viewer may list: none for a person on record, who sees only their own. */
    public Set<MemberStatus> visibleStatuses() {
        if (organiser()) {
            return EnumSet.allOf(MemberStatus.class);
        }
        if (caller.is(networkId, NetworkRole.MEMBER)) {
            return EnumSet.of(MemberStatus.ACTIVE, MemberStatus.LEFT);
        }
        return partnerOnly() ? EnumSet.of(MemberStatus.ACTIVE) : EnumSet.noneOf(MemberStatus.class);
    }

    public boolean canSee(Member m) {
        return self(m) || visibleStatuses().contains(m.status);
    }

    /** A person's own record, in full (also before their token names the network). */
    public static MemberDtos.View ownRecord(Member m) {
        return full(m);
    }

    public MemberDtos.View view(Member m) {
        List<SharedField> shared = Arrays.stream(m.sharedWithPartners).map(SharedField::valueOf).toList();
        if (partnerOnly()) {
            return new MemberDtos.View(m.id, m.networkId,
                    shared.contains(SharedField.DISPLAY_NAME) ? m.displayName : null, null,
                    shared.contains(SharedField.ORGANISATION) ? m.organisation : null,
                    shared.contains(SharedField.CONSTITUENCY) ? m.constituency : null,
                    shared.contains(SharedField.INTERESTS) ? List.of(m.interests) : null,
                    null, null, m.status, null, null, null, null, m.erasedAt != null, null);
        }
        if (organiser() || self(m)) {
            return full(m);
        }
        return new MemberDtos.View(m.id, m.networkId, m.displayName, null, m.organisation, m.constituency,
                List.of(m.interests), null, MemberEventPayloads.roles(m), m.status,
                m.status == MemberStatus.LEFT ? m.statusReason : null, null, m.joinedAt, m.leftAt, m.erasedAt != null,
                m.version);
    }

    private static MemberDtos.View full(Member m) {
        List<SharedField> shared = Arrays.stream(m.sharedWithPartners).map(SharedField::valueOf).toList();
        return new MemberDtos.View(m.id, m.networkId, m.displayName, m.email, m.organisation, m.constituency,
                List.of(m.interests), shared, MemberEventPayloads.roles(m), m.status, m.statusReason, m.suspendedUntil,
                m.joinedAt, m.leftAt, m.erasedAt != null, m.version);
    }
}
