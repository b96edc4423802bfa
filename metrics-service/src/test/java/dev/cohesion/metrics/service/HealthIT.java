package dev.cohesion.metrics.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeIssued;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.members.Role;
import dev.cohesion.events.members.Stance;
import dev.cohesion.events.members.StanceRecorded;
import dev.cohesion.events.members.Tally;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.stack.testing.ContractValidation;
import dev.cohesion.stack.testing.EventStream;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.TopicRecords;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class HealthIT {

    private static final LocalStack STACK = LocalStack.get();
    private static final EventType<NoticeIssued> RECONSIDER = MembersEvents.NOTICES.get(NoticeKind.RECONSIDER_PURPOSE);

    @TestHTTPResource("/")
    URL base;
    @Inject
    HealthService health;

    @Test
    void the_live_stream_delivers_the_current_health_then_each_change() throws Exception {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(100)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then()
                .statusCode(200).body("size.members", equalTo(2)));

        EventStream stream = open(n.path("/health/stream"), n.organiserToken());
        assertThat(stream.status(), equalTo(200));
        JsonNode first = stream.received().poll(15, TimeUnit.SECONDS);
        assertThat("the current health first", first, notNullValue());
        assertThat(first.path("size").path("members").asInt(), equalTo(2));

        Instant sent = Instant.now();
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", Instant.now(), "live-1");
        // a recomputation already under way (the member's profile arrives on its own topic) may come first
        JsonNode next = stream.received().poll(15, TimeUnit.SECONDS);
        while (next != null && next.path("trends").path("participationRecent4Weeks").asDouble() == 0.0) {
            next = stream.received().poll(15, TimeUnit.SECONDS);
        }
        assertThat("a change with the activity counted", next, notNullValue());
        assertThat(next.path("trends").path("participationRecent4Weeks").asDouble(), equalTo(5.0));
        System.out.printf("live health: the change reached the stream %d ms after the activity was sent%n",
                Duration.between(sent, Instant.now()).toMillis());
        stream.close();
    }

    @Test
    void an_instance_waits_out_the_interval_after_a_computation_stored_by_another() {
        TestNetwork n = Fixtures.network();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then()
                .statusCode(200).body("size.members", equalTo(1)));
        // another instance's computation, as far as this one can tell: stored within the interval (an hour ahead, so
        // that no pause of this machine ends it); a tick of this instance may still be storing its own, hence the retry
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            STACK.query("metrics", "update health set computed_at = now() + interval '1 hour' where network_id = ?", n.id());
            assertThat(health.recomputeWhenDue(n.id()).await().atMost(Duration.ofSeconds(10)), nullValue());
            assertThat(STACK.query("metrics", "select computed_at > now() from health where network_id = ?", n.id()).get(0).get(0),
                    equalTo(true));
        });
        // the interval over: this instance computes and stores
        STACK.query("metrics", "update health set computed_at = now() - interval '1 hour' where network_id = ?", n.id());
        NetworkHealth computed = health.recomputeWhenDue(n.id()).await().atMost(Duration.ofSeconds(10));
        assertThat(computed.networkId(), equalTo(n.id()));
        assertThat(computed.size().members(), equalTo(1));
        assertThat(STACK.query("metrics", "select computed_at between now() - interval '1 minute' and now() from health "
                + "where network_id = ?", n.id()).get(0).get(0), equalTo(true));
    }

    @Test
    void two_instances_due_at_the_same_moment_compute_the_network_once() throws Exception {
        TestNetwork n = Fixtures.network();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then()
                .statusCode(200).body("size.members", equalTo(1)));
        STACK.query("metrics", "update health set computed_at = now() - interval '1 hour' where network_id = ?", n.id());
        // two ticks find the network due while a computation holds its lock, as two instances would: the first to get
        // the lock computes, the second then finds that computation stored and waits out the interval
        String lock = "hashtextextended('health:' || '" + n.id() + "', 0)";
        List<Optional<NetworkHealth>> calls;
        try (Connection computing = DriverManager.getConnection(STACK.jdbcUrl("metrics"), "metrics", "metrics")) {
            computing.createStatement().execute("select pg_advisory_lock(" + lock + ")");
            CompletableFuture<List<Optional<NetworkHealth>>> both = Uni.join().all(health.recomputeWhenDue(n.id()).map(Optional::ofNullable),
                    health.recomputeWhenDue(n.id()).map(Optional::ofNullable)).andFailFast().subscribeAsCompletionStage();
            await().atMost(Duration.ofSeconds(10)).until(() -> (Long) STACK.query("metrics",
                    "select count(*) from pg_locks where locktype = 'advisory' and not granted").get(0).get(0) >= 2);
            computing.createStatement().execute("select pg_advisory_unlock(" + lock + ")");
            calls = both.get(20, TimeUnit.SECONDS);
        }
        // this instance's own tick may have been the first (then neither call computes); never both
        assertThat(calls.stream().filter(Optional::isPresent).count(), lessThanOrEqualTo(1L));
        assertThat(STACK.query("metrics", "select computed_at > now() - interval '1 minute' from health where network_id = ?", n.id())
                .get(0).get(0), equalTo(true));
    }

    @Test
    void a_network_of_several_pages_is_counted_whole() {
        // health reads a network a page at a time (HealthService.PAGE): with the organiser, two full pages, then an empty
        // one ends the reading; the organiser joined 400 days ago without an activity (DORMANT), the others 10 days ago (NEW)
        TestNetwork n = Fixtures.network();
        int joined = 2 * HealthService.PAGE - 1;
        Fixtures.publishAll(MembersEvents.MEMBER_JOINED, n.id(), IntStream.range(0, joined)
                .mapToObj(i -> new MemberJoined(n.id(), UUID.randomUUID(), List.of(Role.MEMBER), JoinRoute.APPLICATION,
                        Instant.now().minus(Duration.ofDays(10))))
                .toList());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then().statusCode(200)
                .body("size.members", equalTo(joined + 1))
                .body("size.byStatus.ACTIVE", equalTo(joined + 1))
                .body("size.bySegment.NEW", equalTo(joined))
                .body("size.bySegment.DORMANT", equalTo(1)));
    }

    @Test
    void a_caller_holds_at_most_five_streams_and_a_stream_ends_when_its_token_expires() throws Exception {
        TestNetwork n = Fixtures.network();
        String token = n.organiserToken();
        List<EventStream> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(open(n.path("/health/stream"), token));
            assertThat(open.get(i).status(), equalTo(200));
        }
        Fixtures.as(token).accept("text/event-stream").get(n.path("/health/stream")).then()
                .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("https://cohesion.dev/problems/rate-limited"));
        open.forEach(EventStream::close);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            EventStream again = open(n.path("/health/stream"), token);
            again.close();
            assertThat("a closed stream frees its place", again.status(), equalTo(200));
        });

        String shortLived = STACK.tokens("user-" + n.organiserId()).lifetime(Duration.ofSeconds(3)).sign();
        EventStream brief = open(n.path("/health/stream"), shortLived);
        assertThat(brief.status(), equalTo(200));
        brief.ended().get(30, TimeUnit.SECONDS);
    }

    /** A live stream through the contract proxy, which checks it against the contract. */
    private EventStream open(String path, String token) throws Exception {
        return EventStream.open(ContractValidation.request(URI.create(base.toString().replaceAll("/$", "") + path)), token);
    }

    @Test
    void health_shows_every_part_and_a_norm_breached_three_times_in_30_days_is_suggested_for_review() {
        TestNetwork n = Fixtures.network();
        UUID subject = Fixtures.member(n, "Subject", "Org B", Instant.now().minus(Duration.ofDays(200)));
        UUID norm = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Fixtures.publish(NormsEvents.BREACH_REPORTED, n.id(), new BreachReported(n.id(), UUID.randomUUID(), norm, "N-03", 1,
                    subject, Instant.now().minus(i, ChronoUnit.DAYS)));
        }
        Fixtures.produceActivity(n, subject, "POSTED", Instant.now().minus(1, ChronoUnit.MINUTES), "h-1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then().statusCode(200)
                .body("conduct.breachesPer100ActiveMembersPer30Days", equalTo(150.0f))
                .body("recommendations.kind", hasItem("REVIEW_NORM"))
                .body("recommendations.kind", hasItem("STATE_A_PURPOSE"))
                .body("score", greaterThan(0))
                .body("size.byStatus.ACTIVE", equalTo(2)));
        List<JsonNode> suggested = Fixtures.events(Topics.METRICS, n.id(), MetricsEvents.NORM_REVIEW_SUGGESTED, 1);
        assertThat(suggested.get(0).path("normCode").asText(), equalTo("N-03"));
        assertThat(suggested.get(0).path("reason").asText(), equalTo("BREACHED_OFTEN"));
        assertThat(suggested.get(0).path("breachesLast30Days").asInt(), equalTo(3));
        assertThat(Fixtures.events(Topics.METRICS, n.id(), MetricsEvents.NETWORK_HEALTH_CHANGED, 1).size(), greaterThan(0));
        n.asOrganiser().queryParam("weeks", 12).get(n.path("/health/series")).then().statusCode(200)
                .body("size()", equalTo(12)).body("[11].score", notNullValue()).body("[11].participation", equalTo(1.0f))
                .body("[11].week", equalTo(EngagementInputs.week(Instant.now()).toString()))
                .body("[11].figures.breachesPer100ActiveMembersPer30Days", equalTo(150.0f))
                .body("[11].figures.segments.size()", equalTo(Segment.values().length))
                .body("[0].score", nullValue()).body("[0].figures", nullValue());
        n.asOrganiser().get(n.path("/recommendations")).then().statusCode(200)
                .body("kind", hasItem("REVIEW_NORM")).body("find { it.kind == 'REVIEW_NORM' }.figures.normCode", equalTo("N-03"));
    }

    @Test
    void the_members_asked_to_reconsider_the_purpose_show_how_they_answered_and_the_overdue_ones_are_listed_for_follow_up() {
        TestNetwork n = Fixtures.network();
        Instant joined = Instant.now().minus(Duration.ofDays(200));
        UUID endorser = Fixtures.member(n, "Endorser", "Org A", joined);
        UUID leaver = Fixtures.member(n, "Leaver", "Org B", joined);
        UUID silent = Fixtures.member(n, "Silent", "Org C", joined);
        UUID purpose = UUID.randomUUID();
        Fixtures.publish(MembersEvents.PURPOSE_ADOPTED, n.id(), new PurposeAdopted(n.id(), purpose, 1, "Our purpose",
                new Tally(4, 1, 2, 0), null, Instant.now().minus(Duration.ofDays(30))));
        // there is no clock to move in these tests: the organisers asked 20 days ago, as members-service would have said then
        Instant asked = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS);
        UUID silentNoticeEvent = UUID.randomUUID();
        NoticeIssued silentNotice = new NoticeIssued(n.id(), UUID.randomUUID(), silent, "purposes/" + purpose, asked);
        for (UUID member : List.of(endorser, leaver)) {
            Fixtures.publish(RECONSIDER, n.id(), new NoticeIssued(n.id(), UUID.randomUUID(), member, "purposes/" + purpose, asked));
        }
        Fixtures.publish(RECONSIDER, n.id().toString(), n.id(), silentNotice, silentNoticeEvent);
        Fixtures.publish(MembersEvents.STANCE_RECORDED, n.id(), new StanceRecorded(n.id(), purpose, endorser, Stance.ENDORSE, Instant.now()));
        Fixtures.publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), leaver, MemberStatus.ACTIVE,
                MemberStatus.LEFT, "DOES_NOT_SHARE_PURPOSE", null, null, Instant.now()));

        String followUp = "recommendations.find { it.kind == 'FOLLOW_UP_RECONSIDERATION' }";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then().statusCode(200)
                .body("reconsideration", equalTo(Map.of("asked", 3, "endorsed", 1, "left", 1, "unanswered", 1, "overdue", 1)))
                .body(followUp + ".title", equalTo("Follow up the members asked to reconsider"))
                .body(followUp + ".detail", equalTo("1 member asked to reconsider the purpose more than 14 days ago has neither endorsed it nor left."))
                .body(followUp + ".figures", equalTo(Map.of("asked", 3, "endorsed", 1, "left", 1, "unanswered", 1, "overdue", 1)))
                .body(followUp + ".membersPath", equalTo(n.path("/recommendations/FOLLOW_UP_RECONSIDERATION/members")))
                .body("purposeAlignment", Fixtures.near(1 / 3.0)));
        n.asOrganiser().get(n.path("/recommendations")).then().statusCode(200).body("kind", hasItem("FOLLOW_UP_RECONSIDERATION"));
        n.asOrganiser().get(n.path("/recommendations/FOLLOW_UP_RECONSIDERATION/members")).then().statusCode(200)
                .body("items.memberId", equalTo(List.of(silent.toString()))).body("items[0].displayName", equalTo("Silent"))
                .body("items[0].commitment.endorsesPurpose", equalTo(false)).body("nextCursor", nullValue());
        Fixtures.as(n.memberToken(silent)).get(n.path("/recommendations/FOLLOW_UP_RECONSIDERATION/members")).then().statusCode(403);

        // the same event again, and the same request under another event id (a replay) with a later time: nothing moves
        Fixtures.publish(RECONSIDER, n.id().toString(), n.id(), silentNotice, silentNoticeEvent);
        UUID replayed = UUID.randomUUID();
        Fixtures.publish(RECONSIDER, n.id().toString(), n.id(), new NoticeIssued(n.id(), silentNotice.noticeId(), silent,
                "purposes/" + purpose, Instant.now()), replayed);
        // a notice about something else than a purpose is dead-lettered with the reason; it comes after the two above on
        // the network's partition, so once it is dead-lettered they have been applied
        UUID malformed = UUID.randomUUID();
        Fixtures.publish(RECONSIDER, n.id().toString(), n.id(), new NoticeIssued(n.id(), UUID.randomUUID(), silent,
                "purposes/not-a-purpose", Instant.now()), malformed);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<TopicRecords.Record> dead = STACK.records(Topics.deadLetter(Topics.MEMBERS, "metrics-service")).stream()
                    .filter(r -> r.value() != null && r.value().contains(malformed.toString())).toList();
            assertThat(dead, hasSize(1));
            assertThat(dead.get(0).header(Inbox.DLQ_REASON),
                    equalTo("a reconsider-purpose notice must be about purposes/<purposeId>, not 'purposes/not-a-purpose'"));
        });
        assertThat(STACK.query("metrics", "select count(*) from processed_event where event_id = ?", replayed).get(0).get(0), equalTo(1L));
        assertThat(STACK.query("metrics", "select count(*), bool_and(asked_at = ?) from reconsideration where purpose_id = ?",
                java.sql.Timestamp.from(asked), purpose), equalTo(List.of(List.of(3L, true))));
        n.asOrganiser().get(n.path("/recommendations/FOLLOW_UP_RECONSIDERATION/members")).then().statusCode(200)
                .body("items.memberId", equalTo(List.of(silent.toString())));

        // erasure takes the member's requests with it: the silent member no longer counts as asked
        Fixtures.publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), silent, MemberStatus.ACTIVE,
                MemberStatus.LEFT, "OTHER", null, null, Instant.now()));
        Fixtures.publish(MembersEvents.MEMBER_ERASED, n.id(), new MemberErased(n.id(), silent, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then().statusCode(200)
                .body("reconsideration", equalTo(Map.of("asked", 2, "endorsed", 1, "left", 1, "unanswered", 0, "overdue", 0)))
                .body("recommendations.kind", not(hasItem("FOLLOW_UP_RECONSIDERATION"))));
        assertThat(STACK.query("metrics", "select count(*) from reconsideration where member_id = ?", silent).get(0).get(0), equalTo(0L));
        assertThat(STACK.query("metrics", "select exit_reason from member where id = ?", leaver).get(0).get(0),
                equalTo("DOES_NOT_SHARE_PURPOSE"));
    }
}
