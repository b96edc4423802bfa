package dev.cohesion.kit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventSchemas;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.Management;
import dev.cohesion.stack.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OutboxIT {

    private static final String TOKEN = LocalStack.get().tokens("kit-test").sign();
    /** The relay's advisory lock key. */
    private static final long LOCK = 0x636F_6865_7369_6FL;

    private final LocalStack stack = LocalStack.get();

    @Test
    void a_committed_write_is_published_with_its_envelope_key_and_headers() throws Exception {
        UUID network = UUID.randomUUID();
        String eventId = write(network, false);

        TopicRecords.Record record = awaitRecordsWithKey(network, 1).get(0);
        assertEquals(eventId, record.header(Outbox.HEADER_EVENT_ID));
        assertEquals(MembersEvents.MEMBER_ERASED.name(), record.header(Outbox.HEADER_EVENT_TYPE));
        JsonNode envelope = EventJson.MAPPER.readTree(record.value());
        assertEquals(List.of(), EventSchemas.validate(MembersEvents.MEMBER_ERASED, envelope));
        assertEquals(eventId, envelope.get("id").asText());
        assertEquals("/cohesion/kit-test", envelope.get("source").asText());
        assertEquals(network.toString(), envelope.get("networkid").asText());
        assertEquals(network.toString(), envelope.get("data").get("networkId").asText());
    }

    @Test
    void a_write_that_rolls_back_publishes_nothing() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("network", rolledBack).queryParam("fail", true).post("/test/notes")
                .then().statusCode(500);
        write(committed, false);

        awaitRecordsWithKey(committed, 1);
        assertThat("the rolled-back event, older than the committed one, is not on the topic",
                recordsWithKey(rolledBack), empty());
        assertThat(stack.query("kit", "select count(*) from outbox_event where record_key = ?", rolledBack.toString())
                .get(0).get(0), equalTo(0L));
    }

    @Test
    void writes_made_while_the_broker_is_down_are_published_once_when_it_returns() {
        UUID network = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        stack.kafka().stop();
        try {
            for (int i = 0; i < 20; i++) {
                ids.add(write(network, false));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    "readiness reports the relay that cannot reach Kafka",
                    Management.given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'Outbox relay' }.status"),
                    equalTo("DOWN")));
        } finally {
            stack.kafka().start();
        }
        List<TopicRecords.Record> published = awaitRecordsWithKey(network, 20);
        Map<String, Long> perId = published.stream()
                .collect(Collectors.groupingBy(r -> r.header(Outbox.HEADER_EVENT_ID), Collectors.counting()));
        assertEquals(ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), perId,
                "every event id exactly once");
        assertEquals(ids, published.stream().map(r -> r.header(Outbox.HEADER_EVENT_ID)).toList(),
                "in commit order (one key, one partition)");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Management.given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'Outbox relay' }.status"),
                equalTo("UP")));
    }

    @Test
    void only_one_instance_at_a_time_holds_the_publishing_lock() {
        await().untilAsserted(() -> assertThat(stack.query("kit",
                "select count(*) from pg_locks where locktype = 'advisory' and granted").get(0).get(0), equalTo(1L)));
        assertThat("a second instance cannot take it", stack.query("kit",
                "select pg_try_advisory_lock(" + LOCK + ")").get(0).get(0), is(false));
    }

    /**
     * The publisher dies after Kafka acknowledged part of its round and before it marked the rows: the instance that
     * takes over finds them on the topic and marks them instead of sending them again.
     */
    @Test
    void a_publisher_that_takes_over_does_not_send_again_what_its_predecessor_sent() throws Exception {
        UUID network = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        try (java.sql.Connection predecessor = java.sql.DriverManager.getConnection(stack.jdbcUrl("kit"), "postgres", "postgres");
             java.sql.Statement sql = predecessor.createStatement()) {
            // the relay of this JVM loses its connection (and the lock); the "predecessor" takes the lock first
            sql.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and objsubid = 1");
            sql.execute("select pg_advisory_lock(" + LOCK + ")");
            for (int i = 0; i < 3; i++) {
                ids.add(write(network, false));
            }
            assertThat("nothing published while the predecessor holds the lock", recordsWithKey(network), empty());
            // it sends the first two and dies before marking them
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                    stack.kafka().clientConfig(dev.cohesion.stack.kafka.LocalKafka.ADMIN),
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
                 java.sql.ResultSet rows = sql.executeQuery("select topic, record_key, envelope, headers from outbox_event "
                         + "where record_key = '" + network + "' order by seq limit 2")) {
                while (rows.next()) {
                    var record = new org.apache.kafka.clients.producer.ProducerRecord<>(rows.getString(1), rows.getString(2), rows.getString(3));
                    EventJson.MAPPER.readTree(rows.getString(4)).fields().forEachRemaining(h -> record.headers()
                            .add(h.getKey(), h.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    producer.send(record).get();
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.query("kit",
                "select count(*) from outbox_event where record_key = ? and published_at is null", network.toString()).get(0).get(0),
                equalTo(0L)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)),
                recordsWithKey(network).stream().collect(Collectors.groupingBy(r -> r.header(Outbox.HEADER_EVENT_ID), Collectors.counting())),
                "each event once: two sent by the predecessor, the third by the successor"));
        only_one_instance_at_a_time_holds_the_publishing_lock();
    }

    @Test
    void published_rows_are_cleaned_up_after_the_retention() {
        UUID network = UUID.randomUUID();
        write(network, false);
        awaitRecordsWithKey(network, 1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stack.query("kit",
                "select count(*) from outbox_event where record_key = ?", network.toString()).get(0).get(0), equalTo(0L)));
    }

    @Test
    void the_backlog_and_publish_lag_are_prometheus_metrics() {
        write(UUID.randomUUID(), false);
        await().untilAsserted(() -> {
            String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics.contains("cohesion_outbox_backlog"), is(true));
            assertThat(metrics.contains("cohesion_outbox_publish_lag_seconds{quantile=\"0.99\"}"), is(true));
            assertThat(metrics.contains("cohesion_outbox_published_total"), is(true));
        });
    }

    static String write(UUID network, boolean fail) {
        return RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("network", network).queryParam("fail", fail).post("/test/notes")
                .then().statusCode(200).extract().asString();
    }

    private List<TopicRecords.Record> recordsWithKey(UUID key) {
        return stack.records(Topics.MEMBERS).stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    private List<TopicRecords.Record> awaitRecordsWithKey(UUID key, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recordsWithKey(key), hasSize(count)));
        return recordsWithKey(key);
    }
}
