package dev.cohesion.metrics;

import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the JVM's real PostgreSQL (database "metrics") and Kafka broker. */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "metrics"), @ResourceArg(name = "service", value = "metrics-service")})
public final class MetricsTestStack {
    private MetricsTestStack() {
    }
}
