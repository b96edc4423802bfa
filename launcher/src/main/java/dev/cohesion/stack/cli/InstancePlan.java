package dev.cohesion.stack.cli;

import dev.cohesion.stack.process.CohesionService;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which instances of each service {@code up} runs, and where: {@code --instances N} (or a count per service,
 * {@code --members-instances N}…), instance k (from 0) on the service's port + {@value #STRIDE}·k, its management
 * interface 1000 above that.
 */
record InstancePlan(Map<CohesionService, Integer> ports, Map<CohesionService, Integer> counts) {

    static final int STRIDE = 100;
    private static final int MAX_INSTANCES = 5;
    /** PostgreSQL allows 200 connections: the services' reactive pools share them. */
    private static final int CONNECTIONS_FOR_POOLS = 160;

    static InstancePlan of(Options options) {
        Map<CohesionService, Integer> ports = new EnumMap<>(CohesionService.class);
        Map<CohesionService, Integer> counts = new EnumMap<>(CohesionService.class);
        int everyService = options.count("instances", 1, MAX_INSTANCES);
        for (CohesionService s : CohesionService.values()) {
            ports.put(s, options.port(option(s) + "-port", s.defaultPort()));
            counts.put(s, options.count(option(s) + "-instances", everyService, MAX_INSTANCES));
        }
        return new InstancePlan(ports, counts);
    }

    int count(CohesionService s) {
        return counts.get(s);
    }

    int port(CohesionService s, int k) {
        return ports.get(s) + STRIDE * k;
    }

    /** The option that sets instance k's port, as a user reads it: {@code --norms-port + 100}. */
    String portOption(CohesionService s, int k) {
        return "--" + option(s) + "-port" + (k == 0 ? "" : " + " + STRIDE * k);
    }

    /** members-service, then members-service-2, members-service-3… */
    static String name(CohesionService s, int k) {
        return k == 0 ? s.module() : s.module() + "-" + (k + 1);
    }

    /** How many rounds of starts: one instance of each service per round. */
    int waves() {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Each instance's reactive pool, so that all of them fit PostgreSQL's connections. */
    int poolSize() {
        return Math.min(20, CONNECTIONS_FOR_POOLS / counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static String option(CohesionService s) {
        return s.name().toLowerCase();
    }
}
