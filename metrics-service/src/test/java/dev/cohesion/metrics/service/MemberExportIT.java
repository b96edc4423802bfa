package dev.cohesion.metrics.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * metrics-service's part of a member's data export (docs/privacy.md): the member's figures, weeks and activities,
 * nobody else's; a request no longer awaited is not answered; an erasure tombstones the part in transit.
 */
@QuarkusTest
class MemberExportIT {

    @Test
    void the_part_holds_the_members_figures_and_activities_and_an_erasure_tombstones_it() {
        TestNetwork n = Fixtures.network();
        Instant now = Instant.now();
        UUID ana = Fixtures.member(n, "Ana", "Org A", now.minus(Duration.ofDays(100)));
        UUID ben = Fixtures.member(n, "Ben", "Org B", now.minus(Duration.ofDays(100)));
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", now.minus(8, ChronoUnit.DAYS), "x-1-" + ana);
        Fixtures.produceActivity(n, ana, "POSTED", now.minus(1, ChronoUnit.DAYS), "x-2-" + ana);
        Fixtures.produceActivity(n, ben, "POSTED", now.minus(1, ChronoUnit.DAYS), "x-3-" + ben);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(Fixtures.counted(n, ana), equalTo(2L));
            assertThat(Fixtures.counted(n, ben), equalTo(1L));
        });

        UUID stale = UUID.randomUUID();
        Fixtures.publish(MembersEvents.MEMBER_EXPORT_REQUESTED, n.id(), new MemberExportRequested(stale, n.id(), ana,
                now.minus(Duration.ofDays(2))));
        UUID exportId = UUID.randomUUID();
        Fixtures.publish(MembersEvents.MEMBER_EXPORT_REQUESTED, n.id(), new MemberExportRequested(exportId, n.id(), ana, now));

        List<JsonNode> parts = Fixtures.events(Topics.METRICS_EXPORTS, n.id(), MetricsEvents.MEMBER_EXPORT_PART, 1);
        assertThat("the stale request (read first, same partition) was not answered", parts, hasSize(1));
        JsonNode part = parts.get(0);
        assertThat(part.path("exportId").asText(), equalTo(exportId.toString()));
        assertThat(part.path("memberId").asText(), equalTo(ana.toString()));
        assertThat(part.path("engagement").path("activityCount").asLong(), equalTo(2L));
        assertThat(part.path("weeks").size(), equalTo(2));
        assertThat(part.path("activities").size(), equalTo(2));
        assertThat("newest first", part.path("activities").get(0).path("type").asText(), equalTo("POSTED"));
        assertThat(part.path("activities").get(1).path("source").asText(), equalTo("integrator"));
        assertThat(part.path("omittedActivities").asInt(), equalTo(0));
        assertThat("nothing of another member", part.toString().contains(ben.toString()), equalTo(false));

        Fixtures.publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), ana, MemberStatus.ACTIVE,
                MemberStatus.LEFT, "OTHER", null, null, now));
        Fixtures.publish(MembersEvents.MEMBER_ERASED, n.id(), new MemberErased(n.id(), ana, now));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat("a tombstone for the member's parts in transit",
                LocalStack.get().records(Topics.METRICS_EXPORTS).stream().filter(r -> ana.toString().equals(r.key()))
                        .map(r -> r.value() == null).toList(), hasItem(true)));
    }
}
