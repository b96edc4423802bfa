package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.DevKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} service at the JVM's real PostgreSQL and Kafka ({@link LocalStack}).
 * Init argument {@code database}: the service's database (and role) name.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "cohesion";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.get();
        stack.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.reactive.url", stack.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database,
                "kafka.bootstrap.servers", stack.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", stack.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", DevKeys.ISSUER);
    }

    @Override
    public void stop() {
        // The stack lives as long as the JVM: other test classes of the module reuse it.
    }
}
