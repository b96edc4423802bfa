package dev.cohesion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What deploy/base takes from the build is committed as the build writes it: each service's Deployment and Service
 * as the Quarkus Kubernetes extension generated them when it was packaged, and Strimzi's topics and users as
 * KafkaResources writes them from TopicAccess (compared as objects: the order Quarkus writes keys and list items in
 * changes from build to build). {@code deploy/refresh} (this test with -Ddeploy.refresh=true)
 * rewrites them after a change to the services' configuration or to TopicAccess.
 */
class GeneratedFilesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final boolean REFRESH = Boolean.getBoolean("deploy.refresh");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void each_services_manifests_are_what_quarkus_generated() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String service : List.of("members-service", "norms-service", "metrics-service")) {
            Path generated = DEPLOY.resolveSibling(service).resolve("target/kubernetes/kubernetes.yml");
            assertTrue(Files.exists(generated), generated + " is missing: package " + service + " first");
            Path committed = DEPLOY.resolve("base/services/" + service + ".yml");
            stale.addAll(compare(committed, Files.readString(generated)));
        }
        assertEquals(List.of(), stale, "run deploy/refresh and commit what it wrote");
    }

    @Test
    void strimzis_topics_and_users_are_what_topic_access_plans() throws IOException {
        assertEquals(List.of(), compare(DEPLOY.resolve(KafkaResources.FILE), KafkaResources.yaml()),
                "run deploy/refresh and commit what it wrote");
    }

    private static List<String> compare(Path committed, String expected) throws IOException {
        if (REFRESH) {
            Files.writeString(committed, expected);
            return List.of();
        }
        return Files.exists(committed) && canonical(Files.readString(committed)).equals(canonical(expected)) ? List.of()
                : List.of(DEPLOY.relativize(committed) + " differs from the build");
    }

    /**
     * The objects of a YAML stream with every mapping's keys sorted and every list's items sorted: Quarkus writes
     * labels and ports in an order that changes from one build to the next, which changes nothing in Kubernetes.
     */
    private static String canonical(String yaml) throws IOException {
        List<String> objects = new ArrayList<>();
        try (var parser = YAML.createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode object = it.next();
                if (object != null && !object.isNull() && !object.isMissingNode()) {
                    objects.add(sorted(object).toString());
                }
            }
        }
        objects.sort(null);
        return String.join("\n", objects);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = YAML.createObjectNode();
            new TreeMap<String, JsonNode>(YAML.convertValue(node, new com.fasterxml.jackson.core.type.TypeReference<Map<String, JsonNode>>() { }))
                    .forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            items.sort(java.util.Comparator.comparing(JsonNode::toString));
            ArrayNode out = YAML.createArrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }
}
