package dev.cohesion.members.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: the delays of the schedule one after the other (by default 5 s, 5 min,
 * 30 min, 2 h, 5 h and three times 10 h: more than a day in all, jitter included), each stretched or shortened by up to a fifth at random so
 * that endpoints coming back are not hit by every sender at once; after the last one, the delivery has failed.
 */
public record WebhookRetries(List<Duration> schedule, DoubleSupplier random) {

    /** The default schedule, as the setting cohesion.webhooks.retry-schedule writes it. */
    public static final String DEFAULT_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h,10h";
    private static final double JITTER = 0.2;

    public WebhookRetries {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one delay");
        }
        schedule = List.copyOf(schedule);
    }

    /** The wait before the next attempt after {@code failedAttempts} failures; empty: give up. */
    public Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Duration delay = schedule.get(failedAttempts - 1);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(delay.toMillis() * factor)));
    }

    /** How long a delivery is retried at least (the schedule without jitter, shortened by the jitter). */
    public Duration minimumSpan() {
        return Duration.ofMillis(Math.round(schedule.stream().mapToLong(Duration::toMillis).sum() * (1 - JITTER)));
    }
}
