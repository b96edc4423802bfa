package dev.cohesion.events;

import java.util.List;

/** The four topics (DESIGN.md §5). Keys: network id on members and norms, member id on activities. */
public final class Topics {

    public static final String MEMBERS = "cohesion.members.v1";
    public static final String NORMS = "cohesion.norms.v1";
    public static final String METRICS = "cohesion.metrics.v1";
    public static final String ACTIVITIES = "cohesion.activities.v1";

    public static final List<String> ALL = List.of(MEMBERS, NORMS, METRICS, ACTIVITIES);

    private Topics() {
    }

    /** Where records of a topic that can never be processed go, with the reason in a header. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
