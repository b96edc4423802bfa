package dev.cohesion.metrics.service;

import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.Topics;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.metrics.domain.Participation;
import dev.cohesion.metrics.repository.Columns;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Retention by age of the raw activities (docs/engagement-model.md#retention), run at the time the test gives: rows
 * older than the network's months are deleted, every figure stays (weekly sums, count, participation, first and last
 * activity), a late activity behind the line is refused with why, and a rebuild from the topics brings no row back
 * and reaches the same figures.
 */
@QuarkusTest
class RetentionIT {

    @Inject
    ActivityRetention retention;
    @Inject
    Rebuild rebuild;
    @Inject
    MeterRegistry registry;
    @Inject
    Vertx vertx;

    @Test
    void old_activities_are_folded_into_the_sums_and_a_rebuild_brings_none_back() {
        Instant now = Instant.now();
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", months(now, 40));
        UUID cy = Fixtures.member(n, "Cy", "Org C", months(now, 40));
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", months(now, 30), "old-1");
        Fixtures.produceActivity(n, ana, "POSTED", months(now, 26), "old-2");
        Fixtures.produceActivity(n, ana, "ATTENDED_EVENT", months(now, 20), "kept-1");
        Fixtures.produceActivity(n, ana, "MENTORED", now.minus(Duration.ofDays(3)), "recent-1");
        Fixtures.produceActivity(n, cy, "CONTRIBUTED", months(now, 25), "cy-old");
        TestNetwork brief = Fixtures.network(new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0, 365, 24, 3));
        UUID dee = Fixtures.member(brief, "Dee", "Org D", months(now, 12));
        Fixtures.produceActivity(brief, dee, "POSTED", months(now, 4), "dee-old");
        Fixtures.produceActivity(brief, dee, "POSTED", months(now, 2), "dee-kept");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Fixtures.counted(n, ana) + Fixtures.counted(n, cy), equalTo(5L));
            assertThat(Fixtures.counted(brief, dee), equalTo(2L));
        });
        List<List<Object>> anaBefore = figures(ana);
        List<List<Object>> cyBefore = figures(cy);
        List<List<Object>> weeksBefore = weeks(n.id(), ana);
        String cyLastActivity = n.asOrganiser().get(n.path("/members/" + cy + "/engagement")).then().statusCode(200)
                .extract().path("lastActivityAt");

        assertThat(fold(now), greaterThanOrEqualTo(4));
        assertThat(keys(ana), equalTo(List.of("kept-1", "recent-1")));
        assertThat(keys(cy), equalTo(List.of()));
        assertThat("the brief network keeps three months", keys(dee), equalTo(List.of("dee-kept")));
        assertThat("the weekly sums keep what the rows had", weeks(n.id(), ana), equalTo(weeksBefore));
        assertThat(figures(ana), equalTo(anaBefore));
        assertThat(LocalStack.get().query("metrics", "select activities, first_activity_at from member_fold where member_id = ?", ana)
                .get(0), equalTo(List.of(2L, anaBefore.get(0).get(2))));
        assertThat(Columns.instant(LocalStack.get().query("metrics", "select folded_before from network where id = ?", n.id())
                .get(0).get(0)), equalTo(ActivityRetention.line(now, 24)));
        assertThat("a second run finds nothing to fold", fold(now), equalTo(0));

        double passedOver = registry.counter("cohesion.activities.folded").count();
        Fixtures.produceActivity(n, ana, "POSTED", months(now, 27), "reported-long-ago", months(now, 27));
        Fixtures.produceActivity(n, ana, "POSTED", months(now, 27), "reported-late");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<TopicRecords.Record> dead = LocalStack.get().records(Topics.deadLetter(Topics.ACTIVITIES, "metrics-service")).stream()
                    .filter(r -> ana.toString().equals(r.key())).toList();
            assertThat(dead, hasSize(1));
            assertThat(dead.get(0).header(Inbox.DLQ_REASON), containsString("this network keeps no activity that old"));
        });
        assertThat("reported before the line was drawn: judged then, passed over now",
                registry.counter("cohesion.activities.folded").count(), equalTo(passedOver + 1));
        assertThat(figures(ana), equalTo(anaBefore));

        Fixtures.as(LocalStack.get().tokens("platform-admin").admin().sign()).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild.replaying());
        assertThat(keys(ana), equalTo(List.of("kept-1", "recent-1")));
        assertThat(keys(cy), equalTo(List.of()));
        assertThat(keys(dee), equalTo(List.of("dee-kept")));
        assertThat(weeks(n.id(), ana), equalTo(weeksBefore));
        assertSame(figures(ana), anaBefore, now);
        assertSame(figures(cy), cyBefore, now);
        n.asOrganiser().get(n.path("/members/" + cy + "/engagement")).then().statusCode(200)
                .body("lastActivityAt", equalTo(cyLastActivity)).body("segment", equalTo("DORMANT"));
    }

    private int fold(Instant at) {
        return SafeContext.run(vertx, () -> retention.fold(at)).await().atMost(Duration.ofSeconds(30));
    }

    private static Instant months(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private static List<String> keys(UUID member) {
        return LocalStack.get().query("metrics", "select idempotency_key from activity where member_id = ? order by occurred_at", member)
                .stream().map(r -> (String) r.get(0)).toList();
    }

    /** The member's weekly sums, then the network's. */
    private static List<List<Object>> weeks(UUID network, UUID member) {
        return java.util.stream.Stream.concat(
                LocalStack.get().query("metrics", "select week, weight, activities from member_week where member_id = ? order by week", member).stream(),
                LocalStack.get().query("metrics", "select week, weight, activities from network_week where network_id = ? order by week", network).stream())
                .toList();
    }

    /** participation, its reference, first and last activity, count. */
    private static List<List<Object>> figures(UUID member) {
        return LocalStack.get().query("metrics", "select participation, participation_at, first_activity_at, last_activity_at, activity_count "
                + "from member where id = ?", member);
    }

    /** The same figures, participation compared as of one time (a member wholly folded is referenced at the line). */
    private static void assertSame(List<List<Object>> after, List<List<Object>> before, Instant now) {
        List<Object> a = after.get(0);
        List<Object> b = before.get(0);
        assertThat(Participation.at((Double) a.get(0), Columns.instant(a.get(1)), now, 30),
                closeTo(Participation.at((Double) b.get(0), Columns.instant(b.get(1)), now, 30), 1e-9));
        assertThat(a.subList(2, 5), equalTo(b.subList(2, 5)));
    }
}
