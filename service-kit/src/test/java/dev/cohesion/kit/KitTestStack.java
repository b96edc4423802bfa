package dev.cohesion.kit;

import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The kit's tests run against the JVM's real PostgreSQL (database "kit") and Kafka broker. Its test application
 * is no service of the plan (TopicAccess) and has no contract: it signs in to Kafka as the broker's admin.
 */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "kit"),
        @ResourceArg(name = "extra-topics", value = "cohesion.members.v1.dlq.kit-test")})
public final class KitTestStack {
    private KitTestStack() {
    }
}
