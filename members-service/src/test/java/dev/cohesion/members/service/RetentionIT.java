package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cohesion.members.Fixtures.awaitEvents;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Retention by age (docs/privacy.md): a member who left is anonymised once their network's departedProfileDays have
 * passed, by the erasure every service acts on; a current member, and one whose time has not come, are not. The run
 * is given its time, so nothing here waits for a clock.
 */
@QuarkusTest
class RetentionIT {

    @Inject
    Retention retention;
    @Inject
    Vertx vertx;

    @Test
    void departed_members_are_anonymised_when_their_networks_retention_has_passed_and_not_before() {
        TestNetwork n = Fixtures.network();
        Map<String, Object> settings = Map.of("activeWithinDays", 30, "dormantAfterDays", 60, "newMemberDays", 30,
                "quorum", 0.5, "endorsementThreshold", 0.6667, "departedProfileDays", 30, "rawActivityMonths", 12);
        n.organiser().as().header("If-Match", "\"0\"").body(Map.of("name", "Short memory", "settings", settings))
                .put(n.path("")).then().statusCode(200).body("settings.departedProfileDays", equalTo(30))
                .body("settings.closedCaseTextMonths", equalTo(24)).body("settings.rawActivityMonths", equalTo(12));
        JsonNode updated = awaitEvents(n.id(), MembersEvents.NETWORK_UPDATED, 1).get(0);
        assertThat(updated.path("settings").path("departedProfileDays").asInt(), equalTo(30));
        assertThat(updated.path("settings").path("rawActivityMonths").asInt(), equalTo(12));
        Person leaver = Fixtures.join(n, "Lea Leaver");
        Person stayer = Fixtures.join(n, "Stan Stayer");
        leaver.as().body(Map.of("reason", "OTHER")).post(n.path("/members/" + leaver.memberId() + "/departure")).then().statusCode(200);

        Instant now = Instant.now();
        assertThat("within the 30 days nobody is anonymised", run(now.plus(Duration.ofDays(29))), equalTo(0));
        n.organiser().as().get(n.path("/members/" + leaver.memberId())).then().body("displayName", equalTo("Lea Leaver"));

        assertThat(run(now.plus(Duration.ofDays(31))), equalTo(1));
        n.organiser().as().get(n.path("/members/" + leaver.memberId())).then().statusCode(200)
                .body("erased", equalTo(true)).body("displayName", equalTo("Erased member")).body("email", nullValue())
                .body("status", equalTo("LEFT"));
        n.organiser().as().get(n.path("/members/" + stayer.memberId())).then().body("displayName", equalTo("Stan Stayer"));
        List<String> erased = awaitEvents(n.id(), MembersEvents.MEMBER_ERASED, 1).stream()
                .map(e -> e.path("memberId").asText()).toList();
        assertThat(erased, hasItem(leaver.memberId().toString()));
        assertThat(erased, not(hasItem(stayer.memberId().toString())));
        assertThat("a second run finds nothing left to do", run(now.plus(Duration.ofDays(31))), equalTo(0));
    }

    @Test
    void a_retention_outside_its_bounds_is_refused() {
        TestNetwork n = Fixtures.network();
        Map<String, Object> settings = Map.of("activeWithinDays", 30, "dormantAfterDays", 60, "newMemberDays", 30,
                "quorum", 0.5, "endorsementThreshold", 0.6667, "departedProfileDays", 7, "closedCaseTextMonths", 0,
                "rawActivityMonths", 2);
        n.organiser().as().header("If-Match", "\"0\"").body(Map.of("name", "Too short", "settings", settings))
                .put(n.path("")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("settings.departedProfileDays", "settings.closedCaseTextMonths",
                        "settings.rawActivityMonths"));
    }

    private int run(Instant at) {
        return SafeContext.run(vertx, () -> retention.anonymiseDeparted(at)).await().atMost(Duration.ofSeconds(30));
    }
}
