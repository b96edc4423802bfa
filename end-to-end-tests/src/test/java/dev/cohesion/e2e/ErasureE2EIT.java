package dev.cohesion.e2e;

import dev.cohesion.events.TopicAccess;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.testing.TopicRecords;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * An erasure reaches every copy (docs/privacy.md): a member with data in the three services, who asked for a copy
 * of it, is erased, and then neither their name nor their e-mail address is in any table of the three databases, in
 * any record of any topic read from the beginning (dead-letter and exports topics included, after compaction has
 * run), or in any API answer, replayed ones included; and a rebuild of metrics-service from the topics brings
 * nothing of them back.
 */
class ErasureE2EIT {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void an_erased_member_is_nowhere() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zelda Erasmus " + suffix;
        String email = "zelda-" + suffix + "@example.org";

        String olgaSubject = "user-" + UUID.randomUUID();
        String olga = system.stack().tokens(olgaSubject).sign();
        String network = system.network("erasure-" + suffix, olgaSubject);
        String base = "/api/v1/networks/" + network;

        // Zelda applies (with an Idempotency-Key, so that her answer is stored), is approved, and leaves traces
        String zelda = system.stack().tokens("user-" + UUID.randomUUID()).email(email).sign();
        Map<String, Object> application = Map.of("profile", Map.of("displayName", name, "email", email,
                "organisation", "Org of " + name, "constituency", "PRACTITIONER", "interests", List.of("ethics")));
        String zeldaId = system.as(MEMBERS, zelda).header("Idempotency-Key", "apply-" + suffix).body(application)
                .post(base + "/applications").then().statusCode(201).extract().path("id");
        system.as(MEMBERS, olga).post(base + "/members/" + zeldaId + "/approval").then().statusCode(200);
        String bo = join(base, olga, "Bo " + suffix);

        awaitName("norms", name);
        awaitName("metrics", name);
        String norm = system.as(NORMS, olga).body(Map.of("code", "N-01", "title", "Be kind", "text", "Be kind.",
                "category", "conduct", "severity", "LOW")).post(base + "/norms").then().statusCode(201).extract().path("id");
        system.as(NORMS, olga).post(base + "/norms/" + norm + "/activation").then().statusCode(200);
        system.as(NORMS, zelda).body(Map.of("version", 1)).post(base + "/norm-book/acknowledgements").then().statusCode(200);
        String bySelf = system.as(NORMS, zelda).header("Idempotency-Key", "report-" + suffix).body(Map.of("subjectMemberId", bo,
                        "normId", norm, "normVersion", 1, "description", name + " saw Bo shout; write to " + email))
                .post(base + "/breach-reports").then().statusCode(201).extract().path("id");
        String aboutHer = system.as(NORMS, olga).body(Map.of("subjectMemberId", zeldaId, "normId", norm, "normVersion", 1,
                "description", "Olga saw " + name + " shout")).post(base + "/breach-reports").then().statusCode(201).extract().path("id");
        system.as(NORMS, olga).get(base + "/cases/" + aboutHer).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> system.as(METRICS, olga).get(base + "/members/" + zeldaId + "/engagement")
                .then().statusCode(200).body("displayName", equalTo(name)));

        // She asks for a copy of her data (its parts travel through Kafka with her name in them), leaves, asks for erasure
        String export = base + "/members/" + zeldaId + "/exports/" + system.as(MEMBERS, zelda).post(base + "/members/" + zeldaId + "/exports")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> system.as(MEMBERS, zelda).get(export).then().statusCode(200)
                .body("status", equalTo("COMPLETE")).body("document.norms.casesReported[0].caseId", equalTo(bySelf)));
        // She leaves, then asks for erasure
        system.as(MEMBERS, zelda).body(Map.of("reason", "MOVED_ON")).post(base + "/members/" + zeldaId + "/departure")
                .then().statusCode(200);
        system.as(MEMBERS, zelda).post(base + "/members/" + zeldaId + "/erasure").then().statusCode(200)
                .body("displayName", equalTo("Erased member")).body("email", nullValue());

        // Every service has erased its copy
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(system.stack().query("norms", "select count(*) from member_identity where member_id = cast(? as uuid)", zeldaId)
                    .get(0).get(0), equalTo(0L));
            assertThat(system.stack().query("metrics", "select count(*) from member_identity where member_id = cast(? as uuid)", zeldaId)
                    .get(0).get(0), equalTo(0L));
        });
        List<String> needles = List.of(name, email);
        for (String database : List.of("members", "norms", "metrics")) {
            assertThat(database + " has no row with the name or the e-mail address", rowsMentioning(database, needles), empty());
        }

        // The API answers nothing of her, to the organiser nor to a replay of her own requests
        List<Response> answers = new ArrayList<>();
        answers.add(system.as(MEMBERS, olga).get(base + "/members/" + zeldaId));
        answers.add(system.as(MEMBERS, olga).get(base + "/members?status=LEFT"));
        answers.add(system.as(MEMBERS, zelda).get(export));
        answers.add(system.as(NORMS, olga).get(base + "/cases/" + aboutHer));
        answers.add(system.as(NORMS, olga).get(base + "/cases/" + bySelf));
        answers.add(system.as(NORMS, olga).get(base + "/cases/" + aboutHer + "/history"));
        answers.add(system.as(NORMS, olga).get(base + "/norm-book/acknowledgements?acknowledged=true"));
        answers.add(system.as(METRICS, olga).get(base + "/members/" + zeldaId + "/engagement"));
        answers.add(system.as(NORMS, zelda).header("Idempotency-Key", "report-" + suffix).body(Map.of("subjectMemberId", bo,
                "normId", norm, "normVersion", 1, "description", "x")).post(base + "/breach-reports"));
        for (Response r : answers) {
            assertThat(r.asString(), r.statusCode() < 500, equalTo(true));
            assertThat("an answer mentions her: " + r.asString(), mentions(r.asString(), needles), equalTo(false));
        }

        // Kafka, from the beginning of every topic, once the compacted topics have been compacted
        forceCompaction();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(recordsMentioning(needles), empty()));

        // Last, a replay of her application: the stored answer is gone, so the key no longer brings it back
        Response replay = system.as(MEMBERS, zelda).header("Idempotency-Key", "apply-" + suffix).body(application)
                .post(base + "/applications");
        assertThat(replay.getHeader("Idempotency-Replayed"), nullValue());
        assertThat(replay.asString(), replay.jsonPath().getString("id"), not(equalTo(zeldaId)));

        // A rebuild of metrics-service from the topics brings back Bo's name, and nothing of hers
        system.as(METRICS, system.stack().tokens("platform-admin").admin().sign()).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> system.as(METRICS, olga).get(base + "/members/" + bo + "/engagement")
                .then().statusCode(200).body("displayName", equalTo("Bo " + suffix)));
        assertThat("metrics after the rebuild has no row with her name or e-mail address", rowsMentioning("metrics", needles), empty());
        Response rebuilt = system.as(METRICS, olga).get(base + "/members/" + zeldaId + "/engagement");
        assertThat(rebuilt.asString(), rebuilt.statusCode(), equalTo(200));
        assertThat("her engagement after the rebuild: " + rebuilt.asString(), mentions(rebuilt.asString(), needles), equalTo(false));
    }

    private String join(String base, String organiser, String displayName) {
        String token = system.stack().tokens("user-" + UUID.randomUUID()).sign();
        String id = system.as(MEMBERS, token).body(Map.of("profile", Map.of("displayName", displayName, "constituency", "OTHER")))
                .post(base + "/applications").then().statusCode(201).extract().path("id");
        system.as(MEMBERS, organiser).post(base + "/members/" + id + "/approval").then().statusCode(200);
        return id;
    }

    private void awaitName(String database, String name) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(system.stack().query(database,
                "select count(*) from member_identity where display_name = ?", name).get(0).get(0), equalTo(1L)));
    }

    /** Every row of every table of the database whose text mentions one of the needles, as "table: row". */
    private List<String> rowsMentioning(String database, List<String> needles) {
        List<String> found = new ArrayList<>();
        for (List<Object> table : system.stack().query(database,
                "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
            String t = (String) table.get(0);
            for (List<Object> row : system.stack().query(database, "select cast(x as text) from \"" + t + "\" x")) {
                if (mentions((String) row.get(0), needles)) {
                    found.add(t + ": " + row.get(0));
                }
            }
        }
        return found;
    }

    /** Every record of every topic and dead-letter topic that mentions one of the needles. */
    private List<String> recordsMentioning(List<String> needles) {
        List<String> found = new ArrayList<>();
        for (TopicAccess.Topic topic : TopicAccess.allTopics()) {
            for (TopicRecords.Record r : system.stack().records(topic.name())) {
                if (r.value() != null && mentions(r.value(), needles)) {
                    found.add(r.topic() + "-" + r.partition() + "@" + r.offset());
                }
            }
        }
        return found;
    }

    /**
     * Makes the broker compact the compacted topics now rather than within the day that their configuration
     * promises: segments roll after a second, a record is appended to each partition after that second so that
     * the segment holding the erased profile closes, and the local broker's cleaner runs every second.
     */
    private void forceCompaction() {
        Map<String, Object> config = system.stack().kafka().clientConfig(LocalKafka.ADMIN);
        List<TopicAccess.Topic> topics = TopicAccess.allTopics().stream().filter(TopicAccess.Topic::compacted).toList();
        List<String> compacted = topics.stream().map(TopicAccess.Topic::name).toList();
        try (Admin admin = Admin.create(config)) {
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : compacted) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                        new AlterConfigOp(new ConfigEntry("segment.ms", "1000"), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("min.cleanable.dirty.ratio", "0.01"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get();
            Thread.sleep(1500);
            Map<String, Object> producerConfig = new HashMap<>(config);
            producerConfig.put("key.serializer", StringSerializer.class.getName());
            producerConfig.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
                for (String topic : compacted) {
                    int partitions = producer.partitionsFor(topic).size();
                    for (int p = 0; p < partitions; p++) {
                        // a tombstone for nobody: consumers forget what they hold of a random member id, that is nothing
                        producer.send(new ProducerRecord<>(topic, p, UUID.randomUUID().toString(), null)).get();
                    }
                }
            }
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> reset = new HashMap<>();
            for (TopicAccess.Topic topic : topics) {
                reset.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(
                        new AlterConfigOp(new ConfigEntry("segment.ms", topic.config().get("segment.ms")), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("min.cleanable.dirty.ratio", topic.config().get("min.cleanable.dirty.ratio")),
                                AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(reset).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not force a compaction", e.getCause());
        }
    }

    private static boolean mentions(String text, List<String> needles) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return needles.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
    }
}
