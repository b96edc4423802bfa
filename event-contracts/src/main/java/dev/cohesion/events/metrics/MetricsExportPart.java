package dev.cohesion.events.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * metrics-service's part of a member's data export: the member's engagement figures (none if they never joined),
 * weekly sums and activities, newest first; activities beyond the newest {@code MAX_ACTIVITIES} are counted in
 * {@code omittedActivities} and remain in the weekly sums, so that the record stays within the topic's limit.
 */
public record MetricsExportPart(UUID exportId, UUID networkId, UUID memberId, Engagement engagement, List<Week> weeks,
                                List<Activity> activities, int omittedActivities) {

    public static final int MAX_ACTIVITIES = 50_000;

    public record Engagement(double participation, long activityCount, Instant firstActivityAt, Instant lastActivityAt) {
    }

    public record Week(LocalDate week, double weight, int activities) {
    }

    public record Activity(String type, Instant occurredAt, double weight, String source, boolean suspended) {
    }
}
