package dev.cohesion.norms.service;

import dev.cohesion.events.EventType;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.events.members.Role;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A consumer batch as long as a poll brings (500 records) whose events complete without a round trip to PostgreSQL:
 * the same network update 500 times (after the first, Hibernate finds the network in the session and has nothing to
 * write). Applied one after the other as a nest of 500 chained steps, such a batch overflowed the event loop's stack
 * and never completed, and the consumer stopped (benchmarks/README.md, 2026-12-04); kit/support/InOrder runs them in a
 * loop.
 */
@QuarkusTest
class LongBatchIT {

    private static final LocalStack STACK = LocalStack.get();

    @Test
    void a_batch_of_five_hundred_identical_updates_is_applied_and_the_consumer_goes_on() {
        UUID network = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        NetworkUpdated update = new NetworkUpdated(network, "long-batch", "Long batch", new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0),
                2, Instant.now());
        List<Map.Entry<EventType<?>, Object>> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(Map.entry(MembersEvents.NETWORK_UPDATED, update));
        }
        events.add(Map.entry(MembersEvents.MEMBER_JOINED, new MemberJoined(network, member, List.of(Role.MEMBER), JoinRoute.APPLICATION,
                Instant.now())));
        List<UUID> ids = Fixtures.publishAll(network, events);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(STACK.query("norms",
                "select count(*) from member where id = ? and network_id = ?", member, network).get(0).get(0), equalTo(1L)));
        assertThat(STACK.query("norms", "select name from network where id = ?", network).get(0).get(0), equalTo("Long batch"));
        String recorded = "select count(*) from processed_event where event_id in ('"
                + String.join("', '", ids.stream().map(UUID::toString).toList()) + "')";
        assertThat(STACK.query("norms", recorded).get(0).get(0), equalTo(501L));
    }
}
