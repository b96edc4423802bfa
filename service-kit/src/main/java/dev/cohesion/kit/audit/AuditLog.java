package dev.cohesion.kit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.kit.api.security.Caller;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.kit.api.security.NetworkRole;
import dev.cohesion.kit.support.Ids;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes the audit log: who (the organiser, partner or platform administrator calling), when, what (an action name
 * such as {@code member.removed}), on whom (a target type and id) and the changed fields before and after. Call it
 * inside the action's transaction, so that the entry and the change commit together or not at all. A member's own
 * actions (a stance, leaving) are not organiser actions: with such a caller, or outside a request (a consumer, a
 * schedule), nothing is written. Keep personal data out of {@code before} and {@code after}: ids, states, settings.
 */
@ApplicationScoped
public class AuditLog {

    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(CurrentCaller caller, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.json = json;
        this.clock = clock;
    }

    /** Records an action on a target of the network ({@code networkId} null for a platform action). */
    public Uni<Void> record(UUID networkId, String action, String targetType, Object targetId, Object before, Object after) {
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().voidItem();
        }
        Caller who = caller.get();
        String role = role(who, networkId);
        if (role == null) {
            return Uni.createFrom().voidItem();
        }
        AuditEntry entry = new AuditEntry();
        entry.id = Ids.next();
        entry.networkId = networkId;
        entry.at = clock.instant();
        entry.actorRole = role;
        entry.actorMemberId = networkId == null ? null : who.memberId(networkId).orElse(null);
        // an organiser is named by member id only: erasure forgets their sign-in identity, the log must not keep it
        entry.actorSubject = NetworkRole.ORGANISER.name().equals(role) ? null
                : who.identity().clientId() != null ? who.identity().clientId() : who.subject();
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = String.valueOf(targetId);
        entry.before = write(before);
        entry.after = write(after);
        return entry.persist().replaceWithVoid();
    }

    /**
     * The capacity the caller acts in, or null for a member acting on their own behalf (an administrator who is a
     * member of the network too acts there as that member).
     */
    private static String role(Caller who, UUID networkId) {
        if (networkId != null && who.is(networkId, NetworkRole.ORGANISER)) {
            return NetworkRole.ORGANISER.name();
        }
        if (networkId != null && who.is(networkId, NetworkRole.PARTNER)) {
            return NetworkRole.PARTNER.name();
        }
        boolean ownGrant = networkId != null && who.grant(networkId).isPresent();
        return who.admin() && !ownGrant ? "ADMINISTRATOR" : null;
    }

    private String write(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state not serialisable: " + state.getClass().getSimpleName(), e);
        }
    }
}
