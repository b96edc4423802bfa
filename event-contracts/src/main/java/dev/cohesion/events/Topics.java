package dev.cohesion.events;

import java.util.List;

/** The topics (DESIGN.md §5). Keys: network id on members, norms and metrics; member id on activities and profiles. */
public final class Topics {

    public static final String MEMBERS = "cohesion.members.v1";
    /**
     * Who each member is, keyed by member id and compacted (the latest record per member is kept): the one place
     * where personal data and the member's sign-in identity travel, so that an erasure (a tombstone) reaches it.
     */
    public static final String MEMBER_PROFILES = "cohesion.members.profiles.v1";
    public static final String NORMS = "cohesion.norms.v1";
    public static final String METRICS = "cohesion.metrics.v1";
    public static final String ACTIVITIES = "cohesion.activities.v1";
    /**
     * Each service's part of a member's data export, keyed by member id, on its way to members-service, which
     * assembles the document: personal data in transit, so these topics are compacted (an erasure's tombstone
     * reaches them) and keep nothing longer than a day.
     */
    public static final String NORMS_EXPORTS = "cohesion.norms.exports.v1";
    public static final String METRICS_EXPORTS = "cohesion.metrics.exports.v1";

    public static final List<String> ALL = List.of(MEMBERS, MEMBER_PROFILES, NORMS, METRICS, ACTIVITIES, NORMS_EXPORTS,
            METRICS_EXPORTS);

    private Topics() {
    }

    /**
     * Where the records of a topic that one consumer can never process go, with the reason in a header: one
     * dead-letter topic per topic and consuming service, which only that service writes.
     */
    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
