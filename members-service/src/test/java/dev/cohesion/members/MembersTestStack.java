package dev.cohesion.members;

import dev.cohesion.stack.testing.LocalKeycloakTestResource;
import dev.cohesion.stack.testing.LocalMailTestResource;
import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the JVM's real PostgreSQL (database "members") and Kafka broker, and
 * creates partners' clients in the real Keycloak (tokens still come from the development issuer), and e-mails
 * notices through a real SMTP server (GreenMail).
 */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "members"), @ResourceArg(name = "service", value = "members-service")})
@QuarkusTestResource(LocalKeycloakTestResource.class)
@QuarkusTestResource(LocalMailTestResource.class)
public final class MembersTestStack {
    private MembersTestStack() {
    }
}
