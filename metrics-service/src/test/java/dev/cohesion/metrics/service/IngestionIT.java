package dev.cohesion.metrics.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/** Activities come in by two doors, REST for partners and the topic for integrators, and count once each. */
@QuarkusTest
class IngestionIT {

    @Test
    void a_partner_batch_gets_a_result_per_item_and_a_resent_batch_counts_nothing_twice() {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(100)));
        UUID left = Fixtures.member(n, "Left", "Org B", Instant.now().minus(Duration.ofDays(100)));
        UUID suspended = Fixtures.member(n, "Suspended", "Org B", Instant.now().minus(Duration.ofDays(100)));
        status(n, left, MemberStatus.LEFT);
        status(n, suspended, MemberStatus.SUSPENDED);
        String partner = n.partnerToken("activities:write");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<Map<String, Object>> items = List.of(
                item(ana, "ATTENDED_EVENT", at, "k-1"),
                item(ana, "CONTRIBUTED", at, "k-2"),
                item(ana, "CONTRIBUTED", at, "k-2"),
                item(ana, "DANCED", at, "k-3"),
                item(UUID.randomUUID(), "POSTED", at, "k-4"),
                item(left, "POSTED", at, "k-5"),
                item(suspended, "POSTED", at, "k-6"),
                Map.of("memberId", ana.toString(), "type", "POSTED", "idempotencyKey", "k-7"),
                item(ana, "POSTED", Instant.now().plus(1, ChronoUnit.DAYS), "k-8"));
        Response first = Fixtures.as(partner).header("Idempotency-Key", "batch-" + n.id()).body(Map.of("activities", items))
                .post(n.path("/activities"));
        first.then().statusCode(202).body("accepted", equalTo(3)).body("duplicates", equalTo(1)).body("rejected", equalTo(5))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED", "DUPLICATE", "REJECTED", "REJECTED", "REJECTED",
                        "ACCEPTED", "REJECTED", "REJECTED")))
                .body("items[3].reason", containsString("unknown activity type DANCED"))
                .body("items[4].reason", equalTo("not a member of this network"))
                .body("items[5].reason", containsString("LEFT"))
                .body("items[6].flagged", equalTo(true))
                .body("items[7].reason", equalTo("occurredAt is required"))
                .body("items[8].reason", containsString("is after the activity was reported"));
        Fixtures.as(partner).header("Idempotency-Key", "batch-" + n.id()).body(Map.of("activities", items)).post(n.path("/activities"))
                .then().statusCode(202).header("Idempotency-Replayed", "true").body("accepted", equalTo(3));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Fixtures.counted(n, ana), equalTo(2L)));
        Fixtures.as(partner).body(Map.of("activities", items.subList(0, 2))).post(n.path("/activities")).then().statusCode(202)
                .body("duplicates", equalTo(2)).body("accepted", equalTo(0));
        // k-6 is another member's: it may be on another partition, counted in another batch
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(LocalStack.get().query("metrics",
                "select suspended from activity where network_id = ? and idempotency_key = 'k-6'", n.id()), equalTo(List.of(List.of(true)))));
        assertThat(Fixtures.counted(n, ana), equalTo(2L));
    }

    @Test
    void activities_on_the_topic_count_once_even_when_resent_and_refused_ones_are_dead_lettered() {
        TestNetwork n = Fixtures.network();
        UUID ben = Fixtures.member(n, "Ben", "Org A", Instant.now().minus(Duration.ofDays(100)));
        Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        for (int round = 0; round < 2; round++) {
            Fixtures.produceActivity(n, ben, "MENTORED", at, "topic-1");
            Fixtures.produceActivity(n, ben, "SHARED_RESOURCE", at, "topic-2");
        }
        UUID stranger = UUID.randomUUID();
        Fixtures.produceActivity(n, stranger, "POSTED", at, "topic-3");
        Fixtures.produceActivity(n, ben, "POSTED", Instant.now().plus(2, ChronoUnit.DAYS), "topic-4");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Fixtures.counted(n, ben), equalTo(2L)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<TopicRecords.Record> dead = LocalStack.get().records(Topics.deadLetter(Topics.ACTIVITIES, "metrics-service")).stream()
                    .filter(r -> stranger.toString().equals(r.key())).toList();
            assertThat(dead, hasSize(1));
            assertThat(dead.get(0).header(Inbox.DLQ_REASON), equalTo("activity refused: not a member of this network"));
            List<TopicRecords.Record> future = LocalStack.get().records(Topics.deadLetter(Topics.ACTIVITIES, "metrics-service")).stream()
                    .filter(r -> ben.toString().equals(r.key())).toList();
            assertThat(future, hasSize(1));
            assertThat(future.get(0).header(Inbox.DLQ_REASON), containsString("is after the activity was reported"));
        });
        double p = (Double) LocalStack.get().query("metrics", "select participation from member where id = ?", ben).get(0).get(0);
        assertThat("4 + 2, two days old, referenced at the activities' time", p, equalTo(6.0));
        List<Object> counters = LocalStack.get().query("metrics", "select activity_count, first_activity_at = ?, last_activity_at = ? "
                + "from member where id = ?", java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), ben).get(0);
        assertThat(counters, equalTo(List.of(2L, true, true)));
        assertThat("the member's week and the network's week each add 4 + 2 in two activities",
                LocalStack.get().query("metrics", "select 'member', weight, activities from member_week where member_id = ? union all "
                        + "select 'network', weight, activities from network_week where network_id = ? order by 1", ben, n.id()),
                equalTo(List.of(List.of("member", 6.0, 2), List.of("network", 6.0, 2))));
    }

    @Test
    void an_activity_dead_lettered_before_its_members_membership_counts_once_when_the_dead_letters_are_replayed() {
        TestNetwork n = Fixtures.network();
        UUID early = UUID.randomUUID();
        String deadLetters = Topics.deadLetter(Topics.ACTIVITIES, "metrics-service");
        Fixtures.produceActivity(n, early, "POSTED", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), "early-1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(LocalStack.get().records(deadLetters).stream()
                .filter(r -> early.toString().equals(r.key())).toList(), hasSize(1)));

        Fixtures.member(n, early, "Eve Early", "Org E", Instant.now().minus(Duration.ofDays(30)));
        String admin = LocalStack.get().tokens("platform-admin").admin().sign();
        for (int replay = 0; replay < 2; replay++) {
            Fixtures.as(admin).post("/api/v1/admin/dead-letters/" + Topics.ACTIVITIES + "/replay").then().statusCode(200)
                    .body("topic", equalTo(Topics.ACTIVITIES)).body("deadLetterTopic", equalTo(deadLetters))
                    .body("deadLetters", greaterThanOrEqualTo(1));
            assertThat("counted once, however often the dead letters are replayed", Fixtures.counted(n, early), equalTo(1L));
        }
        // the dead letters refused again (other tests' strangers) are not dead-lettered a second time
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(LocalStack.get().records(deadLetters)
                .stream().filter(r -> early.toString().equals(r.key())).toList(), hasSize(1)));
    }

    @Test
    void a_batch_of_a_thousand_is_accepted_in_one_call() {
        TestNetwork n = Fixtures.network();
        UUID cai = Fixtures.member(n, "Cai", "Org A", Instant.now().minus(Duration.ofDays(100)));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(cai, "COMMENTED", Instant.now().minus(i, ChronoUnit.MINUTES), "bulk-" + i));
        }
        Fixtures.as(n.partnerToken("activities:write")).body(Map.of("activities", items)).post(n.path("/activities"))
                .then().statusCode(202).body("accepted", equalTo(1000));
        items.add(item(cai, "COMMENTED", Instant.now(), "one-too-many"));
        Fixtures.as(n.partnerToken("activities:write")).body(Map.of("activities", items)).post(n.path("/activities"))
                .then().statusCode(400).body("errors[0].field", equalTo("activities"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Fixtures.counted(n, cai), equalTo(1000L)));
    }

    static Map<String, Object> item(UUID member, String type, Instant at, String key) {
        Map<String, Object> item = new HashMap<>();
        item.put("memberId", member.toString());
        item.put("type", type);
        item.put("occurredAt", at.toString());
        item.put("idempotencyKey", key);
        return item;
    }

    static void status(TestNetwork n, UUID member, MemberStatus to) {
        Fixtures.publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), member, MemberStatus.ACTIVE,
                to, "TEST", null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(LocalStack.get().query("metrics",
                "select status from member where id = ?", member).get(0).get(0), equalTo(to.name())));
    }
}
