package dev.cohesion.kit.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Readiness of the Kafka connection, answered within a bounded time (Quarkus' own check waits for the admin
 * client's default API timeout, a minute, while the broker is away — longer than any probe waits).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final Admin admin;
    private final Duration timeout;

    KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                        @ConfigProperty(name = "cohesion.health.kafka-timeout", defaultValue = "2s") Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                config.put(k, v);
            }
        });
        config.put("client.id", "cohesion-readiness");
        config.put("request.timeout.ms", (int) timeout.toMillis());
        config.put("default.api.timeout.ms", (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("Kafka broker").up()
                    .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")))
                    .build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka broker").down()
                    .withData("reason", e.getCause() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage()))
                    .build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
