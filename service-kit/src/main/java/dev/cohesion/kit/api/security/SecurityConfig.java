package dev.cohesion.kit.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the services read identities from tokens (docs/security.md, "Wiring an identity provider"). */
@ConfigMapping(prefix = "cohesion.security")
public interface SecurityConfig {

    /** The issuer of the development tokens that `./cohesion token` signs. */
    String DEVELOPMENT_ISSUER = "https://cohesion.local/dev";

    /** The role (in the groups the token carries, see smallrye.jwt.path.groups) that makes a caller the platform administrator. */
    @WithDefault("platform-admin")
    String adminRole();

    /** The claim that names the OAuth client of a client-credentials token: a partner's identity. */
    @WithDefault("client_id")
    String clientIdClaim();

    /** Whether tokens of the development issuer are accepted: only on a laptop (./cohesion up) and in tests. */
    @WithDefault("false")
    boolean allowDevelopmentIssuer();
}
