package dev.cohesion.stack.process;

import dev.cohesion.stack.auth.IdentityProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The three services: where each is built, its default port and its database. */
public enum CohesionService {
    MEMBERS("members-service", 8081, "members"),
    NORMS("norms-service", 8082, "norms"),
    METRICS("metrics-service", 8083, "metrics");

    private final String module;
    private final int defaultPort;
    private final String database;

    CohesionService(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The management interface (health, metrics, the contract, Swagger UI): the API port plus 1000. */
    public int defaultManagementPort() {
        return defaultPort + 1000;
    }

    /** Database and login role name. */
    public String database() {
        return database;
    }

    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The environment variables a service reads (documented in the README; docker-compose.yml sets the same);
     * members-service e-mails notices through the SMTP server on this machine's {@code smtpPort}.
     */
    public Map<String, String> environment(int httpPort, int managementPort, String dbHost, int dbPort, String dbPassword,
                                           String kafkaBootstrapServers, String kafkaPassword, IdentityProvider identity,
                                           int smtpPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COHESION_HTTP_PORT", Integer.toString(httpPort));
        env.put("COHESION_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("COHESION_DB_HOST", dbHost);
        env.put("COHESION_DB_PORT", Integer.toString(dbPort));
        env.put("COHESION_DB_NAME", database);
        env.put("COHESION_DB_USER", database);
        env.put("COHESION_DB_PASSWORD", dbPassword);
        env.put("COHESION_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("COHESION_KAFKA_USERNAME", module);
        env.put("COHESION_KAFKA_PASSWORD", kafkaPassword);
        env.putAll(identity.environment());
        if (module.equals("members-service")) {
            env.put("COHESION_WEBHOOKS_LOCAL_TARGETS", "localhost,127.0.0.1"); // webhooks to receivers on this machine
            env.putAll(identity.provisioningEnvironment());
            env.put("COHESION_SMTP_HOST", "127.0.0.1");
            env.put("COHESION_SMTP_PORT", Integer.toString(smtpPort));
        }
        return env;
    }
}
