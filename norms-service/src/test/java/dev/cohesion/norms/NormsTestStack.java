package dev.cohesion.norms;

import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the JVM's real PostgreSQL (database "norms") and Kafka broker. */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "norms"), @ResourceArg(name = "service", value = "norms-service")})
public final class NormsTestStack {
    private NormsTestStack() {
    }
}
