package dev.cohesion.kit.topics;

import dev.cohesion.events.TopicAccess;
import dev.cohesion.kit.support.KafkaConnection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics this service writes (TopicAccess: its own topic and its dead-letter topics), with their
 * partition counts and configuration, before the messaging channels start: the broker never auto-creates topics,
 * and the service's principal may create only those. The topics it reads are created by their owners or by the
 * platform (the local stack, Strimzi's KafkaTopics). Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final TopicsConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Vertx vertx;
    private final String service;
    private volatile boolean done;

    TopicProvisioner(TopicsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Vertx vertx,
                     @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
        this.service = service;
    }

    /** Before SmallRye Reactive Messaging starts its channels (priority 1000). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!provision(config.startupTimeout().toMillis())) {
            vertx.setPeriodic(10_000, id -> vertx.executeBlocking(() -> provision(10_000), false)
                    .onSuccess(ok -> {
                        if (ok) {
                            vertx.cancelTimer(id);
                        }
                    }));
        }
    }

    public boolean provisioned() {
        return done;
    }

    private boolean provision(long timeoutMs) {
        if (done) {
            return true;
        }
        Map<String, Object> adminConfig = KafkaConnection.settings(kafkaConfig);
        adminConfig.put("request.timeout.ms", (int) Math.min(timeoutMs, 10_000));
        adminConfig.put("default.api.timeout.ms", (int) timeoutMs);
        try (Admin admin = Admin.create(adminConfig)) {
            List<NewTopic> wanted = new ArrayList<>();
            for (TopicAccess.Topic topic : TopicAccess.allTopics()) {
                if (TopicAccess.writes(service).contains(topic.name())) {
                    wanted.add(topic(topic));
                }
            }
            for (var result : admin.createTopics(wanted).values().entrySet()) {
                try {
                    result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                    LOG.infof("created topic %s", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            done = true;
            return true;
        } catch (Exception e) {
            LOG.warnf("could not create the Kafka topics yet (%s); retrying in the background", e.getMessage());
            return false;
        }
    }

    private NewTopic topic(TopicAccess.Topic topic) {
        String name = topic.name();
        int partitions = config.partitionsByTopic().getOrDefault(name, topic.partitions());
        Map<String, String> configs = new HashMap<>(topic.config());
        if (topic.kept() == TopicAccess.Kept.FOREVER) {
            configs.put("retention.ms", Long.toString(config.retentionMs()));
        }
        configs.put("min.insync.replicas", Integer.toString(config.minInsyncReplicas()));
        return new NewTopic(name, partitions, config.replicationFactor()).configs(configs);
    }
}
