package dev.cohesion.stack.kafka;

import dev.cohesion.events.TopicAccess;
import dev.cohesion.stack.testing.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The local broker is a trust boundary: no entry without credentials, and each principal only where TopicAccess allows. */
class KafkaAccessIT {

    private final LocalKafka kafka = LocalStack.get().kafka();

    @Test
    void a_client_without_credentials_cannot_even_list_the_topics() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "default.api.timeout.ms", 5000, "request.timeout.ms", 3000);
        try (Admin admin = Admin.create(anonymous)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause());
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(TopicAccess.INTEGRATOR));
        config.putAll(LocalKafka.saslConfig(TopicAccess.INTEGRATOR, "not-the-password"));
        config.put("default.api.timeout.ms", 5000);
        config.put("request.timeout.ms", 3000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void the_integrator_writes_activities_and_nothing_else_and_reads_nothing() {
        String integrator = TopicAccess.INTEGRATOR;
        produce(integrator, "cohesion.activities.v1");
        for (String topic : List.of("cohesion.members.v1", "cohesion.norms.v1", "cohesion.metrics.v1")) {
            assertThrows(AuthorizationException.class, () -> produce(integrator, topic), topic);
        }
        for (String topic : List.of("cohesion.members.v1", "cohesion.norms.v1", "cohesion.activities.v1")) {
            assertThrows(AuthorizationException.class, () -> consume(integrator, topic), topic);
        }
    }

    @Test
    void each_service_writes_and_reads_exactly_what_the_plan_gives_it() {
        List<String> unexpected = new ArrayList<>();
        for (String service : TopicAccess.SERVICES) {
            for (TopicAccess.Topic t : TopicAccess.allTopics()) {
                boolean mayWrite = TopicAccess.writes(service).contains(t.name());
                // a service reads back what it writes: its outbox relay checks what its predecessor published
                boolean mayRead = TopicAccess.reads(service).contains(t.name()) || mayWrite;
                if (allowed(() -> produce(service, t.name())) != mayWrite) {
                    unexpected.add(service + (mayWrite ? " cannot" : " can") + " write " + t.name());
                }
                if (allowed(() -> consume(service, t.name())) != mayRead) {
                    unexpected.add(service + (mayRead ? " cannot" : " can") + " read " + t.name());
                }
            }
        }
        assertEquals(List.of(), unexpected);
    }

    @Test
    void a_service_consumes_only_in_consumer_groups_named_after_it() {
        consume(TopicAccess.NORMS_SERVICE, "cohesion.members.v1", "norms-service.members-events-check");
        assertThrows(AuthorizationException.class,
                () -> consume(TopicAccess.NORMS_SERVICE, "cohesion.members.v1", "metrics-service.members-events"));
    }

    private static boolean allowed(Runnable action) {
        try {
            action.run();
            return true;
        } catch (AuthorizationException e) {
            return false;
        }
    }

    private void produce(String principal, String topic) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(principal));
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("max.block.ms", 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "access-check", "{}")).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException a) {
                throw a;
            }
            throw new IllegalStateException(e.getCause());
        } catch (AuthorizationException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void consume(String principal, String topic) {
        consume(principal, topic, null);
    }

    /** Reads the topic's first partition from the beginning (in the group, when one is given). */
    private void consume(String principal, String topic, String group) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(principal));
        config.put("default.api.timeout.ms", 10_000);
        if (group != null) {
            config.put("group.id", group);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition first = new TopicPartition(topic, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            consumer.poll(Duration.ofMillis(500));
            if (group != null) {
                consumer.commitSync(Map.of(first, new org.apache.kafka.clients.consumer.OffsetAndMetadata(consumer.position(first))));
            }
        }
    }
}
