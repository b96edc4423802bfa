package dev.cohesion.stack.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity provider the services trust, as their environment names it: the development issuer with its key
 * (allowed explicitly: `./cohesion up`, the tests), or an OpenID Connect provider's issuer and key set (Keycloak with
 * `./cohesion up --oidc`). With Keycloak, members-service also gets the realm's admin API and the provisioner's
 * secret, to create partners' clients (docs/partners.md, "Onboarding").
 */
public record IdentityProvider(String issuer, String keyLocation, String rolesClaim, boolean development,
                               String adminUrl, String realm, String provisionerSecret) {

    public static IdentityProvider development(String publicKeyLocation) {
        return new IdentityProvider(DevKeys.ISSUER, publicKeyLocation, "groups", true, null, null, null);
    }

    /** A Keycloak realm: roles where Keycloak puts them, partners' clients created through its admin API. */
    public static IdentityProvider keycloak(String baseUrl, String realm, String provisionerSecret) {
        String issuer = baseUrl + "/realms/" + realm;
        return new IdentityProvider(issuer, issuer + "/protocol/openid-connect/certs", "realm_access/roles", false,
                baseUrl, realm, provisionerSecret);
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

    /** members-service's further variables: where it creates partners' clients (none with the development issuer). */
    public Map<String, String> provisioningEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (adminUrl != null) {
            env.put("COHESION_KEYCLOAK_ADMIN_URL", adminUrl);
            env.put("COHESION_KEYCLOAK_REALM", realm);
            env.put("COHESION_KEYCLOAK_PROVISIONER_SECRET", provisionerSecret);
        }
        return env;
    }
}
