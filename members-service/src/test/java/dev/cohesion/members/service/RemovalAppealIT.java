package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.members.EventsWriter;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A direct removal is appealable like a sanction: within 20 days, once, decided by another organiser. */
@QuarkusTest
class RemovalAppealIT {

    private static final String RULE = "https://cohesion.dev/problems/rule-violation";

    @Test
    void a_removed_member_appeals_and_another_organiser_reinstates_them() {
        TestNetwork n = Fixtures.network();
        Person second = Fixtures.join(n, "Second Organiser");
        n.organiser().as().body(Map.of("roles", List.of("ORGANISER", "MEMBER"))).put(n.path("/members/" + second.memberId() + "/roles"))
                .then().statusCode(200);
        Person removed = Fixtures.join(n, "Removed");
        n.organiser().as().body(Map.of("reason", "Spam in the forum")).post(n.path("/members/" + removed.memberId() + "/removal"))
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        String path = n.path("/members/" + removed.memberId() + "/removal-appeal");
        removed.as().get(path).then().statusCode(404);

        String appeal = removed.as().body(Map.of("text", "Those were links to our own reports")).post(path).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("removedBy", equalTo(n.organiser().memberId().toString()))
                .body("text", equalTo("Those were links to our own reports")).extract().path("id");
        removed.as().body(Map.of("text", "Again")).post(path).then().statusCode(409).body("type", equalTo(RULE))
                .body("rule", equalTo("appeal-once-per-removal"));
        n.organiser().as().body(Map.of("outcome", "UPHELD", "reason", "Mine")).post(path + "/decision").then().statusCode(403)
                .body("rule", equalTo("another-organiser-decides"));
        second.as().body(Map.of("outcome", "UPHELD", "reason", "The links were to the network's own reports"))
                .post(path + "/decision").then().statusCode(200).body("status", equalTo("UPHELD"))
                .body("decidedBy", equalTo(second.memberId().toString()));
        n.organiser().as().get(n.path("/members/" + removed.memberId())).then().body("status", equalTo("ACTIVE"))
                .body("statusReason", equalTo("REMOVAL_OVERTURNED"));
        JsonNode changed = Fixtures.awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 2).stream()
                .filter(e -> e.path("to").asText().equals("ACTIVE")).findFirst().orElseThrow();
        assertThat(changed.path("from").asText(), equalTo("REMOVED"));
        assertThat(changed.path("reason").asText(), equalTo("REMOVAL_OVERTURNED"));
        JsonNode told = Fixtures.awaitEvent(n.id(), MembersEvents.NOTICES.get(NoticeKind.APPEAL_DECIDED));
        assertThat(told.path("about").asText(), equalTo("removal-appeals/" + appeal));
        second.as().body(Map.of("outcome", "REJECTED", "reason", "Changed my mind")).post(path + "/decision").then().statusCode(409);
        removed.as().get(path).then().statusCode(200).body("status", equalTo("UPHELD"));
    }

    @Test
    void the_window_is_20_days_a_sanctions_removal_is_appealed_against_the_sanction_and_active_members_have_nothing_to_appeal() {
        TestNetwork n = Fixtures.network();
        Person late = Fixtures.join(n, "Late");
        n.organiser().as().body(Map.of("reason", "Inactive for years")).post(n.path("/members/" + late.memberId() + "/removal"))
                .then().statusCode(200);
        LocalStack.get().query("members", "update member set left_at = left_at - interval '21 days' where id = ?", late.memberId());
        late.as().body(Map.of("text", "Too late?")).post(n.path("/members/" + late.memberId() + "/removal-appeal")).then()
                .statusCode(409).body("rule", equalTo("appeal-window"));

        Person sanctioned = Fixtures.join(n, "Sanctioned");
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(),
                sanctioned.memberId(), SanctionRung.PERMANENT_REMOVAL, SanctionRung.PERMANENT_REMOVAL, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/members/" + sanctioned.memberId()))
                .then().body("status", equalTo("REMOVED")));
        sanctioned.as().body(Map.of("text", "Unfair")).post(n.path("/members/" + sanctioned.memberId() + "/removal-appeal")).then()
                .statusCode(409).body("rule", equalTo("removal-by-sanction"));

        Person active = Fixtures.join(n, "Active");
        active.as().body(Map.of("text", "Nothing")).post(n.path("/members/" + active.memberId() + "/removal-appeal")).then().statusCode(403);
        n.organiser().as().get(n.path("/members/" + active.memberId() + "/removal-appeal")).then().statusCode(404);
    }
}
