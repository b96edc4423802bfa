package dev.cohesion.events.metrics;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;

import java.util.List;

/** The event types metrics-service publishes on {@value Topics#METRICS}, keyed by network id. */
public final class MetricsEvents {

    public static final EventType<NetworkHealthChanged> NETWORK_HEALTH_CHANGED =
            EventType.of(Topics.METRICS, "cohesion.metrics.network-health-changed.v1", NetworkHealthChanged.class);
    public static final EventType<NormReviewSuggested> NORM_REVIEW_SUGGESTED =
            EventType.of(Topics.METRICS, "cohesion.metrics.norm-review-suggested.v1", NormReviewSuggested.class);

    public static final List<EventType<?>> ALL = List.of(NETWORK_HEALTH_CHANGED, NORM_REVIEW_SUGGESTED);

    private MetricsEvents() {
    }
}
