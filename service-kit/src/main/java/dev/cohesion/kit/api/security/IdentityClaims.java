package dev.cohesion.kit.api.security;

import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** Reads the {@link Identity} of a verified token: standard claims only, and the configured admin role and client claim. */
final class IdentityClaims {

    private IdentityClaims() {
    }

    static Identity read(JsonWebToken token, SecurityConfig config) {
        boolean admin = token.getGroups() != null && token.getGroups().contains(config.adminRole());
        return new Identity(token.getIssuer(), token.getSubject(), string(token.getClaim("email")),
                token.getClaim("email_verified") instanceof JsonValue v ? v == JsonValue.TRUE : Boolean.TRUE.equals(token.getClaim("email_verified")),
                string(token.getClaim(config.clientIdClaim())), admin, Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static String string(Object claim) {
        if (claim instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return claim instanceof String s ? s : null;
    }
}
