package dev.cohesion.kit.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * REST latency as a Prometheus histogram with a few fixed buckets, so that the p99 can be computed across instances
 * (the CohesionLatencyP99 alert in deploy/base/monitoring/alerts.yaml): the bars of DESIGN.md (20 ms for a
 * dashboard read) and a few around them, not Micrometer's seventy default buckets per endpoint and status.
 */
public class LatencyHistograms {

    private static final double[] BUCKETS = {0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = new double[BUCKETS.length];
                for (int i = 0; i < BUCKETS.length; i++) {
                    nanos[i] = Duration.ofMillis(Math.round(BUCKETS[i] * 1000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
