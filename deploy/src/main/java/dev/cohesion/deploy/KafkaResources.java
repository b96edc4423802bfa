package dev.cohesion.deploy;

import dev.cohesion.events.TopicAccess;
import dev.cohesion.stack.kafka.KafkaAccessControl;
import org.apache.kafka.common.acl.AclBinding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strimzi's KafkaTopic and KafkaUser resources, written from TopicAccess: the same topics, partitions, retention
 * and compaction, principals and ACLs as the local stack's broker (KafkaAccessControl) and docker-compose. Run by
 * {@code deploy/refresh}; a test fails when the committed file differs from what this writes.
 */
public final class KafkaResources {

    /** The Kafka cluster's name in deploy/base/kafka/cluster.yaml: Strimzi's operators find the resources by it. */
    static final String CLUSTER = "cohesion";
    static final Path FILE = Path.of("base/kafka/topics-and-users.yaml");

    private KafkaResources() {
    }

    public static void main(String[] args) throws IOException {
        Path deploy = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(deploy.resolve(FILE), yaml());
    }

    static String yaml() {
        StringBuilder out = new StringBuilder("""
                # Written by dev.cohesion.deploy.KafkaResources from TopicAccess (deploy/refresh): do not edit by hand.
                # Every topic with its dead-letter topics, replicated three times with two in sync (the small overlay
                # keeps one replica); one SCRAM-SHA-512 user per service and one for integrators, with the ACLs that
                # the local stack's broker grants them. Strimzi's User Operator writes each user's password into a
                # Secret of the user's name, which the service's Deployment reads.
                """);
        for (TopicAccess.Topic t : TopicAccess.allTopics().stream().sorted(java.util.Comparator.comparing(TopicAccess.Topic::name)).toList()) {
            out.append("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata:\n  name: ").append(t.name())
                    .append("\n  labels:\n    strimzi.io/cluster: ").append(CLUSTER)
                    .append("\nspec:\n  topicName: ").append(t.name())
                    .append("\n  partitions: ").append(t.partitions())
                    .append("\n  replicas: 3\n  config:\n");
            Map<String, String> config = new TreeMap<>(t.config());
            config.put("min.insync.replicas", "2");
            config.forEach((k, v) -> out.append("    ").append(k).append(": ").append(value(v)).append('\n'));
        }
        for (String principal : TopicAccess.PRINCIPALS) {
            out.append("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaUser\nmetadata:\n  name: ").append(principal)
                    .append("\n  labels:\n    strimzi.io/cluster: ").append(CLUSTER)
                    .append("\nspec:\n  authentication:\n    type: scram-sha-512\n  authorization:\n    type: simple\n    acls:\n");
            Map<String, List<String>> operations = new LinkedHashMap<>();
            for (AclBinding acl : KafkaAccessControl.acls(principal)) {
                String resource = "type: " + acl.pattern().resourceType().name().toLowerCase(Locale.ROOT)
                        + "\n          name: " + acl.pattern().name()
                        + "\n          patternType: " + (acl.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal");
                operations.computeIfAbsent(resource, r -> new java.util.ArrayList<>()).add(operation(acl.entry().operation().name()));
            }
            operations.forEach((resource, ops) -> out.append("      - resource:\n          ").append(resource)
                    .append("\n        operations: [").append(String.join(", ", ops)).append("]\n"));
        }
        return out.toString();
    }

    /** WRITE -> Write, IDEMPOTENT_WRITE -> IdempotentWrite: Strimzi's spelling of Kafka's operations. */
    private static String operation(String kafka) {
        StringBuilder b = new StringBuilder();
        for (String part : kafka.split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    private static String value(String v) {
        return v.matches("-?[0-9]+") ? "\"" + v + "\"" : v;
    }
}
