package dev.cohesion.events;

import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.norms.NormsEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every event type of every topic. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = Stream.of(MembersEvents.ALL, NormsEvents.ALL, MetricsEvents.ALL,
            ActivitiesEvents.ALL).flatMap(List::stream).toList();

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
