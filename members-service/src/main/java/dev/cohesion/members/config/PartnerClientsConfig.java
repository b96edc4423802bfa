package dev.cohesion.members.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where members-service creates partners' clients (docs/partners.md, "Onboarding"): a Keycloak realm's admin API,
 * reached with the client credentials of a service account that may manage clients. Without an admin URL,
 * partners' clients are made at the identity provider by hand and registered by their client id.
 */
@ConfigMapping(prefix = "cohesion.partners.keycloak")
public interface PartnerClientsConfig {

    /** Keycloak's base URL as members-service reaches it, e.g. http://keycloak:8180 (COHESION_KEYCLOAK_ADMIN_URL). */
    Optional<String> adminUrl();

    /** The realm whose issuer the services trust (COHESION_KEYCLOAK_REALM). */
    @WithDefault("cohesion")
    String realm();

    /** The confidential client whose service account holds realm-management's manage-clients. */
    @WithDefault("cohesion-provisioner")
    String clientId();

    /** Its secret (COHESION_KEYCLOAK_PROVISIONER_SECRET). */
    Optional<String> clientSecret();

    /** How long one call to the admin API may take before the request answers 503. */
    @WithDefault("15s")
    Duration timeout();

    /** How often clients of revoked partners are disabled and clients no registration claims are deleted. */
    @WithDefault("10m")
    String sweepInterval();

    /** How old a client with no registration must be before the sweep deletes it (a registration may be on its way). */
    @WithDefault("15m")
    Duration orphanAge();
}
