package dev.cohesion.kit.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "cohesion.kafka")
public interface TopicsConfig {

    /** Partitions per topic when this service creates it, overriding the plan (TopicAccess), e.g. cohesion.kafka.partitions-by-topic."cohesion.activities.v1"=12. */
    Map<String, Integer> partitionsByTopic();

    /** Replication factor of created topics (3 in production clusters; 1 on a single local broker). */
    @WithDefault("1")
    short replicationFactor();

    /** min.insync.replicas of created topics: with acks=all, how many copies a write needs. */
    @WithDefault("1")
    int minInsyncReplicas();

    /** Retention of created topics; -1 keeps events forever, so that projections can be rebuilt by replay. */
    @WithDefault("-1")
    long retentionMs();

    /** How long start-up waits for the broker before going on and retrying in the background. */
    @WithDefault("15s")
    Duration startupTimeout();
}
