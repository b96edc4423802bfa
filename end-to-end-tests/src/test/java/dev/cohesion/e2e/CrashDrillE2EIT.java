package dev.cohesion.e2e;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.stack.testing.TopicRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** kill -9 and broker outages: nothing acknowledged is lost, nothing is published twice, schedules are kept. */
class CrashDrillE2EIT {

    private final RunningSystem system = RunningSystem.get();
    private final String admin = system.stack().tokens("platform-admin").admin().sign();

    @Test
    void a_service_killed_between_commit_and_publish_publishes_the_pending_events_after_restart() throws Exception {
        List<UUID> networks = new ArrayList<>();
        system.stack().kafka().stop();
        try {
            for (int i = 0; i < 5; i++) {
                networks.add(createNetwork());
            }
            system.kill(MEMBERS);
        } finally {
            system.stack().kafka().start();
        }
        system.start(MEMBERS);

        Set<String> keys = networks.stream().map(UUID::toString).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records(keys).size(), equalTo(10)));
        Map<String, Long> perId = records(keys).stream().collect(Collectors.groupingBy(r -> r.header("ce_id"), Collectors.counting()));
        assertThat("10 distinct events, each once", perId.size(), equalTo(10));
        for (UUID n : networks) {
            List<String> types = records(Set.of(n.toString())).stream().map(r -> r.header("ce_type")).toList();
            assertThat(types, equalTo(List.of(MembersEvents.NETWORK_CREATED.name(), MembersEvents.MEMBER_JOINED.name())));
        }
    }

    @Test
    void a_consultation_that_comes_due_while_the_service_is_down_is_closed_once_after_restart() throws Exception {
        UUID network = createNetwork();
        String organiser = organiserToken(network);
        String base = "/api/v1/networks/" + network;
        String purpose = system.as(MEMBERS, organiser).body(Map.of("statement", "Our purpose")).post(base + "/purposes")
                .then().statusCode(201).extract().path("id");
        system.as(MEMBERS, organiser).body(Map.of("closesAt", Instant.now().plusSeconds(3).toString()))
                .post(base + "/purposes/" + purpose + "/consultation").then().statusCode(200);
        system.as(MEMBERS, organiser).body(Map.of("stance", "ENDORSE")).put(base + "/purposes/" + purpose + "/stances/mine")
                .then().statusCode(200);
        system.kill(MEMBERS);
        Thread.sleep(5000);
        system.start(MEMBERS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.as(MEMBERS, organiser).get(base + "/purposes/" + purpose)
                .then().body("status", equalTo("ADOPTED")));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                records(Set.of(network.toString())).stream().filter(r -> "cohesion.members.purpose-adopted.v1".equals(r.header("ce_type")))
                        .count(), equalTo(1L)));
    }

    private final Map<UUID, String> organisers = new java.util.HashMap<>();

    private UUID createNetwork() {
        String subject = "user-" + UUID.randomUUID();
        var created = system.as(MEMBERS, admin).body(Map.of("slug", "drill-" + UUID.randomUUID().toString().substring(0, 8),
                        "name", "Drill", "firstOrganiser", Map.of("userId", subject, "displayName", "O", "constituency", "OTHER")))
                .post("/api/v1/networks").then().statusCode(201).extract().jsonPath();
        UUID network = UUID.fromString(created.getString("network.id"));
        UUID organiser = UUID.fromString(created.getString("firstOrganiserMemberId"));
        organisers.put(network, system.stack().tokens(subject).sign());
        return network;
    }

    private String organiserToken(UUID network) {
        return organisers.get(network);
    }

    private List<TopicRecords.Record> records(Set<String> keys) {
        return system.stack().records(Topics.MEMBERS).stream().filter(r -> keys.contains(r.key())).toList();
    }
}
