package dev.cohesion.kit.api.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a service that trusts the development issuer (the tokens `./cohesion token` signs with a key
 * kept in the checkout) unless the configuration says so explicitly: `./cohesion up` and the tests do, a deployment
 * never should (docs/security.md).
 */
@ApplicationScoped
public class DevelopmentIssuerGuard {

    private final String issuer;
    private final SecurityConfig config;

    DevelopmentIssuerGuard(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, SecurityConfig config) {
        this.issuer = issuer;
        this.config = config;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        if (SecurityConfig.DEVELOPMENT_ISSUER.equals(issuer) && !config.allowDevelopmentIssuer()) {
            throw new IllegalStateException("This service trusts the development issuer " + issuer + ", whose signing key is "
                    + "kept in a checkout. Set COHESION_JWT_ISSUER and COHESION_JWT_PUBLIC_KEY_LOCATION to your identity "
                    + "provider, or COHESION_ALLOW_DEVELOPMENT_ISSUER=true on a laptop (docs/security.md).");
        }
    }
}
