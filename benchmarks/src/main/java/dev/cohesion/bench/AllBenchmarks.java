package dev.cohesion.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code benchmarks/run all}: every benchmark, one after the other on the same PostgreSQL and broker, each printing
 * its own table; then one summary of each figure against its baseline measured in the same run (or its bar).
 */
public final class AllBenchmarks {

    private AllBenchmarks() {
    }

    public static void main(String[] args) {
        Map<String, String> defaults = new LinkedHashMap<>(MetricsBenchmark.OPTIONS);
        defaults.putAll(RelayBenchmark.OPTIONS);
        defaults.putAll(MembersBenchmark.OPTIONS);
        defaults.putAll(NormsBenchmark.OPTIONS);
        Bench.main(args, defaults, AllBenchmarks::run);
    }

    private static void run(Map<String, String> options) throws Exception {
        MetricsBenchmark.run(options);
        RelayBenchmark.run(options);
        MembersBenchmark.run(options);
        NormsBenchmark.run(options);
        Report.summary("summary: " + Runtime.getRuntime().availableProcessors() + " cores, " + options);
    }
}
