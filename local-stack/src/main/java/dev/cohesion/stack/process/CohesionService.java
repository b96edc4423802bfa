package dev.cohesion.stack.process;

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

    /** Database and login role name. */
    public String database() {
        return database;
    }

    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The environment variables a service reads (documented in the README; docker-compose.yml sets the same).
     */
    public Map<String, String> environment(int httpPort, String dbHost, int dbPort, String dbPassword,
                                           String kafkaBootstrapServers, String jwtPublicKeyLocation,
                                           String jwtIssuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COHESION_HTTP_PORT", Integer.toString(httpPort));
        env.put("COHESION_DB_HOST", dbHost);
        env.put("COHESION_DB_PORT", Integer.toString(dbPort));
        env.put("COHESION_DB_NAME", database);
        env.put("COHESION_DB_USER", database);
        env.put("COHESION_DB_PASSWORD", dbPassword);
        env.put("COHESION_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("COHESION_JWT_PUBLIC_KEY_LOCATION", jwtPublicKeyLocation);
        env.put("COHESION_JWT_ISSUER", jwtIssuer);
        return env;
    }
}
