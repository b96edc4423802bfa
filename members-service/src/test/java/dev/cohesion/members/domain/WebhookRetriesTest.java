package dev.cohesion.members.domain;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookRetriesTest {

    private static final List<Duration> DEFAULT = Arrays.stream(WebhookRetries.DEFAULT_SCHEDULE.split(","))
            .map(DurationConverter::parseDuration).toList();

    @Test
    void each_failure_waits_its_step_of_the_schedule_within_a_fifth_either_way_then_gives_up() {
        assertEquals(Optional.of(Duration.ofMillis(4000)), new WebhookRetries(DEFAULT, () -> 0.0).after(1));
        assertEquals(Optional.of(Duration.ofMillis(6000)), new WebhookRetries(DEFAULT, () -> 1.0).after(1));
        assertEquals(Optional.of(Duration.ofMinutes(5)), new WebhookRetries(DEFAULT, () -> 0.5).after(2));
        assertEquals(Optional.of(Duration.ofHours(10)), new WebhookRetries(DEFAULT, () -> 0.5).after(8));
        assertEquals(Optional.empty(), new WebhookRetries(DEFAULT, () -> 0.5).after(9));
    }

    @Test
    void the_default_schedule_retries_for_more_than_a_day_even_with_the_shortest_jitter() {
        assertTrue(new WebhookRetries(DEFAULT, () -> 0.0).minimumSpan().compareTo(Duration.ofHours(24)) > 0);
    }
}
