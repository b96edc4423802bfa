package dev.cohesion.members;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static dev.cohesion.members.Fixtures.awaitEvents;
import static dev.cohesion.members.Fixtures.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.MatcherAssert.assertThat;

/**
 * The seed's story: an organiser's network of 10 members states a purpose and validates it with them; 7 endorse,
 * 2 object with reasons, 1 abstains; it is adopted; one objector leaves because they do not share it; alignment
 * reads 7 of the 9 active members.
 */
@QuarkusTest
class SeedStoryIT {

    @Test
    void a_purpose_is_validated_with_the_members_and_an_objector_leaves() {
        Fixtures.TestNetwork n = Fixtures.network();
        List<Fixtures.Person> people = new ArrayList<>();
        people.add(n.organiser());
        for (int i = 1; i < 10; i++) {
            people.add(Fixtures.join(n, "Member " + i));
        }

        JsonNode draft = json(n.organiser().as().body(Map.of("statement", "Raise the standing of applied ethics with policy makers."))
                .post(n.path("/purposes")).then().statusCode(201));
        String purpose = draft.path("id").asText();
        json(n.organiser().as().body(Map.of("closesAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + purpose + "/consultation")).then().statusCode(200)
                .body("status", equalTo("IN_CONSULTATION")));

        for (int i = 0; i < 7; i++) {
            people.get(i).as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine"))
                    .then().statusCode(200).body("stance", equalTo("ENDORSE"));
        }
        for (int i = 7; i < 9; i++) {
            people.get(i).as().body(Map.of("stance", "OBJECT", "reason", "It leaves out the practitioners."))
                    .put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        }
        people.get(9).as().body(Map.of("stance", "ABSTAIN")).put(n.path("/purposes/" + purpose + "/stances/mine"))
                .then().statusCode(200);

        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().statusCode(200)
                .body("status", equalTo("ADOPTED"))
                .body("tally.activeMembers", equalTo(10)).body("tally.endorse", equalTo(7))
                .body("tally.object", equalTo(2)).body("tally.abstain", equalTo(1));

        Fixtures.Person objector = people.get(7);
        objector.as().body(Map.of("reason", "DOES_NOT_SHARE_PURPOSE", "note", "My focus is elsewhere."))
                .post(n.path("/members/" + objector.memberId() + "/departure")).then().statusCode(200)
                .body("status", equalTo("LEFT")).body("statusReason", equalTo("DOES_NOT_SHARE_PURPOSE"));

        n.organiser().as().get(n.path("/alignment")).then().statusCode(200)
                .body("purposeId", equalTo(purpose))
                .body("activeMembers", equalTo(9)).body("endorsing", equalTo(7)).body("objecting", equalTo(1))
                .body("abstaining", equalTo(1)).body("silent", equalTo(0))
                .body("alignmentRate", equalTo((float) 0.7778));

        JsonNode adopted = awaitEvent(n.id(), MembersEvents.PURPOSE_ADOPTED);
        assertThat(adopted.path("purposeId").asText(), equalTo(purpose));
        assertThat(adopted.path("tally").path("endorse").asInt(), equalTo(7));
        assertThat(awaitEvents(n.id(), MembersEvents.STANCE_RECORDED, 10).size(), equalTo(10));
        JsonNode left = awaitEvent(n.id(), MembersEvents.MEMBER_STATUS_CHANGED);
        assertThat(left.path("memberId").asText(), equalTo(objector.memberId().toString()));
        assertThat(left.path("from").asText(), equalTo("ACTIVE"));
        assertThat(left.path("to").asText(), equalTo("LEFT"));
        assertThat(left.path("reason").asText(), equalTo("DOES_NOT_SHARE_PURPOSE"));
        assertThat(awaitEvents(n.id(), MembersEvents.MEMBER_JOINED, 10).size(), equalTo(10));
    }
}
