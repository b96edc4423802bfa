package dev.cohesion.events.metrics;

import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;

import java.util.List;

/**
 * The event types metrics-service publishes on {@value Topics#METRICS}, keyed by network id, and its parts of
 * members' data exports on {@value Topics#METRICS_EXPORTS}.
 */
public final class MetricsEvents {

    public static final EventType<NetworkHealthChanged> NETWORK_HEALTH_CHANGED =
            EventType.of(Topics.METRICS, "cohesion.metrics.network-health-changed.v1", NetworkHealthChanged.class);
    public static final EventType<NormReviewSuggested> NORM_REVIEW_SUGGESTED =
            EventType.of(Topics.METRICS, "cohesion.metrics.norm-review-suggested.v1", NormReviewSuggested.class);
    /** On {@value Topics#METRICS_EXPORTS}, keyed by member id. */
    public static final EventType<MetricsExportPart> MEMBER_EXPORT_PART =
            EventType.of(Topics.METRICS_EXPORTS, "cohesion.metrics.member-export-part.v1", MetricsExportPart.class);

    public static final List<EventType<?>> ALL = List.of(NETWORK_HEALTH_CHANGED, NORM_REVIEW_SUGGESTED, MEMBER_EXPORT_PART);

    private MetricsEvents() {
    }
}
