package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.kafka.LocalKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} service at the JVM's real PostgreSQL and Kafka ({@link LocalStack}).
 * Init arguments: {@code database}, the service's database (and role) name; {@code service}, the service under
 * test: it signs in to Kafka as its own principal (with only the ACLs TopicAccess plans for it), and every call the
 * tests make to its API is validated against its committed contract ({@link ContractValidation}); without it, the
 * application signs in as the broker's admin; {@code extra-topics}, topics outside the plan to create.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "cohesion";
    private String service;
    private String extraTopics = "";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        service = initArgs.get("service");
        extraTopics = initArgs.getOrDefault("extra-topics", "");
    }

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.get();
        stack.ensureDatabase(database);
        for (String topic : extraTopics.split(",")) {
            if (!topic.isBlank()) {
                stack.ensureTopic(topic.trim());
            }
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", stack.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database,
                "kafka.bootstrap.servers", stack.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", stack.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", DevKeys.ISSUER));
        String principal = service == null ? LocalKafka.ADMIN : service;
        LocalKafka.saslConfig(principal, stack.kafka().password(principal)).forEach((k, v) -> config.put("kafka." + k, v));
        if (service != null) {
            ContractValidation.install(service);
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack lives as long as the JVM: other test classes of the module reuse it.
    }
}
