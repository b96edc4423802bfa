package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.IdentityProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points members-service's creation of partners' clients at the JVM's real Keycloak ({@link LocalStack#keycloak()}).
 * The service keeps trusting the development issuer for its tokens; only the provisioning goes to Keycloak.
 */
public class LocalKeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        IdentityProvider provider = LocalStack.get().keycloak().identityProvider();
        return Map.of("cohesion.partners.keycloak.admin-url", provider.adminUrl(),
                "cohesion.partners.keycloak.realm", provider.realm(),
                "cohesion.partners.keycloak.client-secret", provider.provisionerSecret());
    }

    @Override
    public void stop() {
        // Keycloak lives as long as the JVM, with the rest of the stack.
    }
}
