package dev.cohesion.stack.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity provider the services trust, as their environment names it: the development issuer with its key
 * (allowed explicitly: `./cohesion up`, the tests), or an OpenID Connect provider's issuer and key set (Keycloak with
 * `./cohesion up --oidc`).
 */
public record IdentityProvider(String issuer, String keyLocation, String rolesClaim, boolean development) {

    public static IdentityProvider development(String publicKeyLocation) {
        return new IdentityProvider(DevKeys.ISSUER, publicKeyLocation, "groups", true);
    }

    /** An OpenID Connect provider that puts the roles where Keycloak does. */
    public static IdentityProvider keycloak(String issuer, String jwksUri) {
        return new IdentityProvider(issuer, jwksUri, "realm_access/roles", false);
    }

    /** The services' environment variables for it (README, docs/security.md). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COHESION_JWT_ISSUER", issuer);
        env.put("COHESION_JWT_PUBLIC_KEY_LOCATION", keyLocation);
        env.put("COHESION_JWT_ROLES_CLAIM", rolesClaim);
        env.put("COHESION_ALLOW_DEVELOPMENT_ISSUER", Boolean.toString(development));
        return env;
    }
}
