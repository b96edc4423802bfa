package dev.cohesion.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may write and who may read each topic (DESIGN.md §2): the one source of the brokers' principals and ACLs,
 * whether the local stack, docker-compose or Strimzi's KafkaUsers set them up. Each service writes its own topic
 * and the dead-letter topics of what it consumes, reads what it consumes and what it writes (its outbox relay reads
 * back what a predecessor published, without a group), and uses consumer groups named {@code <service>.<channel>};
 * integrators may only write activities.
 */
public final class TopicAccess {

    public static final String MEMBERS_SERVICE = "members-service";
    public static final String NORMS_SERVICE = "norms-service";
    public static final String METRICS_SERVICE = "metrics-service";
    /** Partners' and integrators' systems that produce activities to the topic directly. */
    public static final String INTEGRATOR = "cohesion-integrator";

    public static final List<String> SERVICES = List.of(MEMBERS_SERVICE, NORMS_SERVICE, METRICS_SERVICE);
    public static final List<String> PRINCIPALS = List.of(MEMBERS_SERVICE, NORMS_SERVICE, METRICS_SERVICE, INTEGRATOR);

    /** How long a topic keeps its records. */
    public enum Kept {
        /** The permanent history: no personal data (docs/events.md). */
        FOREVER,
        /** The latest record per key; a tombstone removes the key (personal data that erasure must reach). */
        COMPACTED,
        /**
         * Personal data in transit (a data export's parts, keyed by member): compacted, so that an erasure's tombstone
         * reaches it, and deleted after a day in any case.
         */
        IN_TRANSIT
    }

    /**
     * A topic: its partitions (activities needs several so that metrics-service instances share the work), how long
     * it keeps its records, writers, readers.
     */
    public record Topic(String name, int partitions, Kept kept, Set<String> writers, Set<String> readers) {

        public boolean compacted() {
            return kept != Kept.FOREVER;
        }

        /**
         * The topic's configuration. A compacted topic rolls a segment at least hourly and compacts a record at most
         * a day after it was written (the erasure deadline, docs/privacy.md); tombstones stay a week, so that a
         * consumer that was away sees them. A topic of data in transit is compacted the same way and deletes every
         * record (tombstones too) a day after it was written; its records may be large (a member's whole history).
         */
        public java.util.Map<String, String> config() {
            return switch (kept) {
                case FOREVER -> java.util.Map.of("retention.ms", "-1");
                case COMPACTED -> java.util.Map.of("cleanup.policy", "compact", "segment.ms", "3600000",
                        "max.compaction.lag.ms", "86400000", "min.cleanable.dirty.ratio", "0.1",
                        "delete.retention.ms", "604800000");
                case IN_TRANSIT -> java.util.Map.of("cleanup.policy", "compact,delete", "retention.ms", "86400000",
                        "segment.ms", "3600000", "max.compaction.lag.ms", "86400000", "min.cleanable.dirty.ratio", "0.1",
                        "delete.retention.ms", "86400000", "max.message.bytes", "16777216");
            };
        }
    }

    public static final List<Topic> TOPICS = List.of(
            new Topic(Topics.MEMBERS, 3, Kept.FOREVER, Set.of(MEMBERS_SERVICE), Set.of(MEMBERS_SERVICE, NORMS_SERVICE, METRICS_SERVICE)),
            new Topic(Topics.MEMBER_PROFILES, 3, Kept.COMPACTED, Set.of(MEMBERS_SERVICE), Set.of(NORMS_SERVICE, METRICS_SERVICE)),
            new Topic(Topics.NORMS, 3, Kept.FOREVER, Set.of(NORMS_SERVICE), Set.of(MEMBERS_SERVICE, METRICS_SERVICE)),
            new Topic(Topics.METRICS, 3, Kept.FOREVER, Set.of(METRICS_SERVICE), Set.of(MEMBERS_SERVICE, NORMS_SERVICE)),
            new Topic(Topics.ACTIVITIES, 6, Kept.FOREVER, Set.of(METRICS_SERVICE, INTEGRATOR), Set.of(METRICS_SERVICE)),
            new Topic(Topics.NORMS_EXPORTS, 3, Kept.IN_TRANSIT, Set.of(NORMS_SERVICE), Set.of(MEMBERS_SERVICE)),
            new Topic(Topics.METRICS_EXPORTS, 3, Kept.IN_TRANSIT, Set.of(METRICS_SERVICE), Set.of(MEMBERS_SERVICE)));

    private TopicAccess() {
    }

    /** The topics the principal writes: its own, and the dead-letter topics of those it reads. */
    public static Set<String> writes(String principal) {
        Set<String> topics = new LinkedHashSet<>();
        for (Topic t : TOPICS) {
            if (t.writers().contains(principal)) {
                topics.add(t.name());
            }
        }
        for (Topic t : TOPICS) {
            if (t.readers().contains(principal)) {
                topics.add(Topics.deadLetter(t.name(), principal));
            }
        }
        return topics;
    }

    /** The topics the principal consumes. */
    public static Set<String> reads(String principal) {
        Set<String> topics = new LinkedHashSet<>();
        for (Topic t : TOPICS) {
            if (t.readers().contains(principal)) {
                topics.add(t.name());
            }
        }
        return topics;
    }

    /** Every topic with its dead-letter topics: what a platform creates before the services start. */
    public static List<Topic> allTopics() {
        List<Topic> all = new java.util.ArrayList<>(TOPICS);
        for (Topic t : TOPICS) {
            for (String reader : t.readers()) {
                all.add(new Topic(Topics.deadLetter(t.name(), reader), t.partitions(), t.kept(), Set.of(reader), Set.of()));
            }
        }
        return all;
    }

    /** Whether the topic (or dead-letter topic) is compacted: a null value there is a tombstone, not an error. */
    public static boolean compacted(String topic) {
        return allTopics().stream().anyMatch(t -> t.name().equals(topic) && t.compacted());
    }

    /** The prefix of the principal's consumer groups. */
    public static String groupPrefix(String principal) {
        return principal + ".";
    }
}
