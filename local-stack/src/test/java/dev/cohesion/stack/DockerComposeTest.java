package dev.cohesion.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cohesion.events.TopicAccess;
import dev.cohesion.stack.auth.IdentityProvider;
import dev.cohesion.stack.kafka.KafkaAccessControl;
import dev.cohesion.stack.process.CohesionService;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml cannot run on the build machines (no Docker engine), so this test keeps it honest: it
 * names the same services, ports and environment variables as `./cohesion up`, and every variable it sets is
 * one the service actually reads.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\$\\{(COHESION_[A-Z0-9_]+)");

    private final JsonNode compose = read();

    @Test
    void names_postgres_kafka_keycloak_mail_and_the_three_services() {
        Set<String> names = new TreeSet<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("postgres", "kafka", "kafka-setup", "keycloak", "mail", "members-service", "norms-service", "metrics-service"), names);
    }

    @Test
    void services_publish_the_same_ports_as_cohesion_up() {
        for (CohesionService s : CohesionService.values()) {
            JsonNode service = compose.get("services").get(s.module());
            assertEquals(s.defaultPort() + ":" + s.defaultPort(), service.get("ports").get(0).asText(), s.module());
            assertEquals(String.valueOf(s.defaultPort()), service.get("environment").get("COHESION_HTTP_PORT").asText());
        }
    }

    @Test
    void every_variable_set_for_a_service_is_read_by_that_service() throws IOException {
        for (CohesionService s : CohesionService.values()) {
            Set<String> read = variablesReadBy(s);
            List<String> unknown = new ArrayList<>();
            compose.get("services").get(s.module()).get("environment").fieldNames().forEachRemaining(name -> {
                if (!read.contains(name)) {
                    unknown.add(name);
                }
            });
            assertTrue(unknown.isEmpty(), s.module() + " does not read " + unknown + " (it reads " + read + ")");
        }
    }

    @Test
    void compose_sets_every_variable_cohesion_up_sets() {
        for (CohesionService s : CohesionService.values()) {
            // compose runs Keycloak, as `./cohesion up --oidc` does
            Set<String> launcher = s.environment(1, 2, "h", 3, "p", "k", "kp", IdentityProvider.keycloak("http://kc", "cohesion", "s"), 4).keySet();
            Set<String> composed = new TreeSet<>();
            compose.get("services").get(s.module()).get("environment").fieldNames().forEachRemaining(composed::add);
            assertEquals(new TreeSet<>(launcher), composed, s.module());
        }
    }

    @Test
    void the_kafka_setup_creates_the_planned_topics_and_grants_exactly_the_planned_acls() throws IOException {
        List<String> script = Files.readAllLines(ROOT.resolve("docker/kafka-setup.sh"));
        Set<String> topics = new TreeSet<>();
        Set<String> acls = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (String line : script) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "topic" -> topics.add(w[1] + " " + w[2] + " " + w[3]);
                case "user" -> users.add(w[1]);
                case "acl" -> {
                    String resource = line.contains("--topic") ? "TOPIC " + after(w, "--topic") + " LITERAL"
                            : "GROUP " + after(w, "--group") + " PREFIXED";
                    for (int i = 0; i < w.length; i++) {
                        if (w[i].equals("--operation")) {
                            acls.add(w[1] + " " + w[i + 1].toUpperCase() + " " + resource);
                        }
                    }
                }
                default -> { }
            }
        }
        Set<String> plannedTopics = new TreeSet<>();
        TopicAccess.allTopics().forEach(t -> plannedTopics.add(t.name() + " " + t.partitions() + " "
                + String.join(",", new TreeMap<>(t.config()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        Set<String> plannedAcls = new TreeSet<>();
        for (String principal : TopicAccess.PRINCIPALS) {
            for (AclBinding b : KafkaAccessControl.acls(principal)) {
                plannedAcls.add(principal + " " + b.entry().operation() + " " + b.pattern().resourceType() + " "
                        + b.pattern().name() + " " + b.pattern().patternType());
            }
        }
        assertEquals(new TreeSet<>(TopicAccess.PRINCIPALS), users);
        assertEquals(plannedTopics, topics);
        assertEquals(plannedAcls, acls);
    }

    private static String after(String[] words, String option) {
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(option)) {
                return words[i + 1];
            }
        }
        throw new IllegalArgumentException(option + " missing");
    }

    @Test
    void the_build_context_holds_the_dockerfile() {
        for (CohesionService s : CohesionService.values()) {
            JsonNode build = compose.get("services").get(s.module()).get("build");
            Path dockerfile = ROOT.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText());
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
        }
    }

    /** The COHESION_* variables in the service's configuration and in the shared service-kit defaults. */
    private static Set<String> variablesReadBy(CohesionService s) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path config : List.of(
                ROOT.resolve(s.module()).resolve("src/main/resources/application.properties"),
                ROOT.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties"))) {
            Matcher m = CONFIG_VARIABLE.matcher(Files.readString(config));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
