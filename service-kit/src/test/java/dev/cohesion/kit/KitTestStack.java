package dev.cohesion.kit;

import dev.cohesion.stack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The kit's tests run against the JVM's real PostgreSQL (database "kit") and Kafka broker. */
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
public final class KitTestStack {
    private KitTestStack() {
    }
}
