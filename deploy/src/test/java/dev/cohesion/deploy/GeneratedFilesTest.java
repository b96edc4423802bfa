package dev.cohesion.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What deploy/base takes from the build is committed as the build writes it: each service's Deployment and Service
 * as the Quarkus Kubernetes extension generated them when it was packaged, and Strimzi's topics and users as
 * KafkaResources writes them from TopicAccess. {@code deploy/refresh} (this test with -Ddeploy.refresh=true)
 * rewrites them after a change to the services' configuration or to TopicAccess.
 */
class GeneratedFilesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final boolean REFRESH = Boolean.getBoolean("deploy.refresh");

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
        return Files.exists(committed) && Files.readString(committed).equals(expected) ? List.of()
                : List.of(DEPLOY.relativize(committed) + " differs from the build");
    }
}
