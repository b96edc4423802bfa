package dev.cohesion.members;

import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the JVM's real PostgreSQL (database "members") and Kafka broker. */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "members"), @ResourceArg(name = "service", value = "members-service")})
public final class MembersTestStack {
    private MembersTestStack() {
    }
}
