package dev.cohesion.kit.api.security;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads Cohesion's claims from a verified token: {@code groups} containing {@code platform-admin}, and
 * {@code networks}: {@code {"<networkId>": {"roles": [...], "memberId": "...", "scopes": [...]}}}.
 * Unknown roles and malformed entries grant nothing.
 */
final class CallerClaims {

    static final String ADMIN_GROUP = "platform-admin";
    static final String NETWORKS_CLAIM = "networks";

    private CallerClaims() {
    }

    static Caller read(JsonWebToken token) {
        Map<UUID, Caller.Grant> grants = new HashMap<>();
        Object claim = token.getClaim(NETWORKS_CLAIM);
        if (claim instanceof JsonObject networks) {
            for (Map.Entry<String, JsonValue> entry : networks.entrySet()) {
                UUID networkId = uuid(entry.getKey());
                if (networkId != null && entry.getValue() instanceof JsonObject grant) {
                    grants.put(networkId, grant(grant));
                }
            }
        }
        boolean admin = token.getGroups() != null && token.getGroups().contains(ADMIN_GROUP);
        return new Caller(token.getSubject(), admin, Map.copyOf(grants));
    }

    private static Caller.Grant grant(JsonObject grant) {
        Set<NetworkRole> roles = EnumSet.noneOf(NetworkRole.class);
        for (String role : strings(grant, "roles")) {
            for (NetworkRole r : NetworkRole.values()) {
                if (r.claimValue().equals(role)) {
                    roles.add(r);
                }
            }
        }
        UUID memberId = grant.get("memberId") instanceof JsonString s ? uuid(s.getString()) : null;
        if (memberId == null) {
            roles.remove(NetworkRole.MEMBER);
            roles.remove(NetworkRole.ORGANISER);
        }
        return new Caller.Grant(Set.copyOf(roles), memberId, Set.copyOf(strings(grant, "scopes")));
    }

    private static Set<String> strings(JsonObject object, String name) {
        Set<String> values = new HashSet<>();
        if (object.get(name) instanceof jakarta.json.JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        }
        return values;
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
