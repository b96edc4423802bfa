package dev.cohesion.events.activities;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;

import java.util.List;

/** The event type on {@value Topics#ACTIVITIES}, keyed by member id; its schema is owned by metrics-service. */
public final class ActivitiesEvents {

    public static final EventType<ActivityRecorded> ACTIVITY_RECORDED =
            EventType.of(Topics.ACTIVITIES, "cohesion.activities.activity-recorded.v1", ActivityRecorded.class);

    public static final List<EventType<?>> ALL = List.of(ACTIVITY_RECORDED);

    private ActivitiesEvents() {
    }
}
