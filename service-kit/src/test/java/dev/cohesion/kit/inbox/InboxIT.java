package dev.cohesion.kit.inbox;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.testapp.TestMembersConsumer;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.Management;
import dev.cohesion.stack.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class InboxIT {

    private static final String TOKEN = LocalStack.get().tokens("kit-test").sign();

    private final LocalStack stack = LocalStack.get();

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void an_event_delivered_again_after_the_offsets_are_rewound_is_applied_once() {
        UUID network = UUID.randomUUID();
        String first = write(network);
        String second = write(network);
        awaitApplied(first, 1);
        awaitApplied(second, 1);
        double duplicatesBefore = counter("duplicate");

        kafkaClients.getConsumer("test-members").runOnPollingThread(c -> {
            c.seekToBeginning(c.assignment());
        }).await().atMost(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat("the replay went through the inbox", counter("duplicate"), greaterThan(duplicatesBefore + 1)));
        assertThat(applications(first), equalTo(1L));
        assertThat(applications(second), equalTo(1L));
    }

    @Test
    void a_malformed_record_is_dead_lettered_with_its_reason_and_the_next_record_is_processed() {
        String key = UUID.randomUUID().toString();
        stack.write(Topics.MEMBERS, key, "{this is not json");
        String next = write(UUID.fromString(key));

        TopicRecords.Record dead = awaitDeadLetter(key);
        assertThat(dead.value(), equalTo("{this is not json"));
        assertThat(dead.header(Inbox.DLQ_REASON), containsString("malformed JSON"));
        assertThat(dead.header(Inbox.DLQ_TOPIC), equalTo(Topics.MEMBERS));
        awaitApplied(next, 1);
    }

    @Test
    void an_event_that_breaks_its_schema_is_dead_lettered() throws Exception {
        UUID network = UUID.randomUUID();
        var envelope = EventJson.MAPPER.createObjectNode()
                .put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("source", "/cohesion/test")
                .put("type", MembersEvents.MEMBER_ERASED.name()).put("time", Instant.now().toString())
                .put("subject", "members/x").put("datacontenttype", "application/json").put("networkid", network.toString());
        envelope.putObject("data").put("networkId", network.toString()).put("memberId", "not-a-uuid");
        stack.write(Topics.MEMBERS, network.toString(), envelope.toString());

        TopicRecords.Record dead = awaitDeadLetter(network.toString());
        assertThat(dead.header(Inbox.DLQ_REASON), containsString("does not match the schema of cohesion.members.member-erased.v1"));
        assertThat(dead.header(Inbox.DLQ_REASON), containsString("/memberId"));
        assertThat(dead.header(Inbox.DLQ_REASON), containsString("erasedAt"));
    }

    @Test
    void an_event_the_handler_cannot_apply_is_dead_lettered_and_the_others_of_its_batch_are_applied() {
        UUID network = UUID.randomUUID();
        String before = write(network);
        publish(network, new MemberErased(network, TestMembersConsumer.POISON, Instant.now()));
        String after = write(network);

        TopicRecords.Record dead = awaitDeadLetter(network.toString());
        assertThat(dead.header(Inbox.DLQ_REASON), containsString("could not be applied: this member cannot be erased"));
        awaitApplied(before, 1);
        awaitApplied(after, 1);
    }

    @Test
    void an_event_of_an_unknown_type_is_skipped_and_counted() {
        UUID network = UUID.randomUUID();
        double before = counter("unknown-type");
        var envelope = EventJson.MAPPER.createObjectNode()
                .put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("source", "/cohesion/future")
                .put("type", "cohesion.members.member-teleported.v1").put("time", Instant.now().toString())
                .put("subject", "members/x").put("datacontenttype", "application/json").put("networkid", network.toString());
        envelope.putObject("data").put("anything", 1);
        stack.write(Topics.MEMBERS, network.toString(), envelope.toString());
        String next = write(network);

        awaitApplied(next, 1);
        assertThat(counter("unknown-type"), equalTo(before + 1));
        assertThat(deadLetters(network.toString()), hasSize(0));
    }

    @Test
    void events_arriving_while_the_database_is_away_are_retried_until_it_returns_and_applied_once() {
        UUID network = UUID.randomUUID();
        MemberErased payload = new MemberErased(network, UUID.randomUUID(), Instant.now());
        double retriesBefore = metric("cohesion_consumer_retries_total");
        stack.adminQuery("kit", "alter role kit connection limit 0");
        try {
            stack.adminQuery("kit", "select pg_terminate_backend(pid) from pg_stat_activity where usename = 'kit'");
            String id = publish(network, payload);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat("the consumer retries", metric("cohesion_consumer_retries_total"), greaterThan(retriesBefore)));
            assertThat(stack.adminQuery("kit", "select count(*) from applied_event where event_id = cast(? as uuid)", id)
                    .get(0).get(0), equalTo(0L));
            stack.adminQuery("kit", "alter role kit connection limit -1");
            awaitApplied(id, 1);
        } finally {
            stack.adminQuery("kit", "alter role kit connection limit -1");
        }
    }

    private static String write(UUID network) {
        return RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("network", network).post("/test/notes").then().statusCode(200)
                .extract().asString();
    }

    private String publish(UUID network, MemberErased payload) {
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), "/cohesion/test", MembersEvents.MEMBER_ERASED,
                Instant.now(), "members/" + payload.memberId(), network, payload);
        stack.write(Topics.MEMBERS, network.toString(), EventJson.MAPPER.valueToTree(envelope).toString());
        return envelope.id().toString();
    }

    private long applications(String eventId) {
        return (Long) stack.query("kit", "select count(*) from applied_event where event_id = cast(? as uuid)", eventId)
                .get(0).get(0);
    }

    private void awaitApplied(String eventId, long times) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(applications(eventId), equalTo(times)));
    }

    private List<TopicRecords.Record> deadLetters(String key) {
        return stack.records(Topics.deadLetter(Topics.MEMBERS, "kit-test")).stream().filter(r -> key.equals(r.key())).toList();
    }

    private TopicRecords.Record awaitDeadLetter(String key) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(key), hasSize(1)));
        return deadLetters(key).get(0);
    }

    private static double counter(String outcome) {
        return metric("cohesion_consumer_events_total{", "outcome=\"" + outcome + "\"");
    }

    /** The sum of the Prometheus samples whose line starts with the name and contains the label text. */
    private static double metric(String name, String... labels) {
        String metrics = Management.given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name) && java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
