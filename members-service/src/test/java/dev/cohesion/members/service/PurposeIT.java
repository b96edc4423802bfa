package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PurposeIT {

    private static final String TRANSITION = "https://cohesion.dev/problems/invalid-state-transition";

    @Test
    void an_objection_needs_a_reason() {
        TestNetwork n = Fixtures.network();
        String purpose = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().body(Map.of("stance", "OBJECT")).put(n.path("/purposes/" + purpose + "/stances/mine"))
                .then().statusCode(400).body("type", equalTo("https://cohesion.dev/problems/validation"))
                .body("errors[0].field", equalTo("reason")).body("errors[0].message", equalTo("an objection needs a reason"));
    }

    @Test
    void members_list_the_purposes_past_drafting_and_organisers_also_the_drafts_and_the_stances_taken() {
        TestNetwork n = Fixtures.network();
        String open = SanctionEffectsIT.openConsultation(n);
        String draft = n.organiser().as().body(Map.of("statement", "Next draft")).post(n.path("/purposes")).then().extract().path("id");
        Person member = Fixtures.join(n, "Member");
        member.as().body(Map.of("stance", "OBJECT", "reason", "Too vague")).put(n.path("/purposes/" + open + "/stances/mine"))
                .then().statusCode(200);
        member.as().get(n.path("/purposes")).then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(open))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        n.organiser().as().queryParam("limit", 1).get(n.path("/purposes")).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(open)).body("nextCursor", notNullValue());
        n.organiser().as().get(n.path("/purposes")).then().statusCode(200).body("items.id", containsInAnyOrder(open, draft));
        n.organiser().as().get(n.path("/purposes/" + open + "/stances")).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].memberId", equalTo(member.memberId().toString()))
                .body("items[0].stance", equalTo("OBJECT")).body("items[0].reason", equalTo("Too vague"));
        member.as().get(n.path("/purposes/" + open + "/stances")).then().statusCode(403);
    }

    @Test
    void a_consultation_cannot_close_beyond_a_year_from_now() {
        TestNetwork n = Fixtures.network();
        String draft = n.organiser().as().body(Map.of("statement", "Patient")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of("closesAt", "+300000-01-01T00:00:00Z")).post(n.path("/purposes/" + draft + "/consultation"))
                .then().statusCode(400).body("errors[0].field", equalTo("closesAt"))
                .body("errors[0].message", equalTo("must be at most 366 days from now"));
        n.organiser().as().body(Map.of("closesAt", 1_800_000_000)).post(n.path("/purposes/" + draft + "/consultation"))
                .then().statusCode(400).body("type", equalTo("https://cohesion.dev/problems/malformed-request"))
                .body("errors[0].field", equalTo("closesAt"));
    }

    @Test
    void only_active_members_take_stances_and_only_while_the_consultation_is_open() {
        TestNetwork n = Fixtures.network();
        Person applicant = Fixtures.applicant(n, "Applicant", "OTHER", "Org");
        String draft = n.organiser().as().body(Map.of("statement", "Draft")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + draft + "/stances/mine"))
                .then().statusCode(409).body("type", equalTo(TRANSITION)).body("currentState", equalTo("DRAFT"));
        n.organiser().as().body(Map.of("opensAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "closesAt", Instant.now().plus(2, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + draft + "/consultation")).then().statusCode(200);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + draft + "/stances/mine"))
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("opens at"));
        applicant.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + draft + "/stances/mine"))
                .then().statusCode(403).body("type", equalTo("https://cohesion.dev/problems/forbidden"));
    }

    @Test
    void drafts_are_edited_with_if_match_and_only_one_consultation_runs_at_a_time() {
        TestNetwork n = Fixtures.network();
        var created = n.organiser().as().body(Map.of("statement", "First words")).post(n.path("/purposes"));
        String first = created.jsonPath().getString("id");
        n.organiser().as().header("If-Match", created.header("ETag")).body(Map.of("statement", "Better words"))
                .put(n.path("/purposes/" + first)).then().statusCode(200).body("statement", equalTo("Better words"));
        Person member = Fixtures.join(n, "Member");
        member.as().get(n.path("/purposes/" + first)).then().statusCode(404);
        n.organiser().as().body(Map.of("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + first + "/consultation")).then().statusCode(200);
        member.as().get(n.path("/purposes/" + first)).then().statusCode(200).body("status", equalTo("IN_CONSULTATION"));
        String etag = n.organiser().as().get(n.path("/purposes/" + first)).header("ETag");
        n.organiser().as().header("If-Match", etag).body(Map.of("statement", "Too late")).put(n.path("/purposes/" + first))
                .then().statusCode(409).body("currentState", equalTo("IN_CONSULTATION"));
        String second = n.organiser().as().body(Map.of("statement", "Second")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + second + "/consultation")).then().statusCode(409)
                .body("rule", equalTo("one-consultation-at-a-time"));
        n.organiser().as().body(Map.of("closesAt", Instant.now().minus(1, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + second + "/consultation")).then().statusCode(400).body("errors[0].field", equalTo("closesAt"));
        JsonNode opened = Fixtures.awaitEvent(n.id(), MembersEvents.PURPOSE_CONSULTATION_OPENED);
        assertThat(opened.path("statement").asText(), equalTo("Better words"));
        assertThat(opened.path("version").asInt(), equalTo(1));
    }

    @Test
    void the_tally_is_for_organisers_during_the_consultation_and_for_everyone_after() {
        TestNetwork n = Fixtures.network();
        Person member = Fixtures.join(n, "Member");
        String purpose = SanctionEffectsIT.openConsultation(n);
        member.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        member.as().get(n.path("/purposes/" + purpose + "/tally")).then().statusCode(403).body("rule", equalTo("tally-after-close"));
        n.organiser().as().get(n.path("/purposes/" + purpose + "/tally")).then().statusCode(200)
                .body("endorse", equalTo(1)).body("silent", equalTo(1)).body("decided", equalTo(false));
        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().statusCode(200)
                .body("status", equalTo("ADOPTED"));
        member.as().get(n.path("/purposes/" + purpose + "/tally")).then().statusCode(200)
                .body("decided", equalTo(true)).body("activeMembers", equalTo(2)).body("endorse", equalTo(1));
    }

    @Test
    void a_consultation_without_quorum_is_rejected() {
        TestNetwork n = Fixtures.network();
        for (int i = 0; i < 3; i++) {
            Fixtures.join(n, "Silent " + i);
        }
        String purpose = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("QUORUM_NOT_MET"));
        JsonNode rejected = Fixtures.awaitEvent(n.id(), MembersEvents.PURPOSE_REJECTED);
        assertThat(rejected.path("reason").asText(), equalTo("QUORUM_NOT_MET"));
        assertThat(rejected.path("tally").path("activeMembers").asInt(), equalTo(4));
    }

    @Test
    void a_new_adoption_supersedes_the_current_purpose_and_objectors_may_endorse_later() {
        TestNetwork n = Fixtures.network();
        Person objector = Fixtures.join(n, "Objector");
        String first = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + first + "/stances/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/purposes/" + first + "/closure")).then().body("status", equalTo("ADOPTED"));
        objector.as().body(Map.of("stance", "OBJECT", "reason", "Too narrow")).put(n.path("/purposes/" + first + "/stances/mine"))
                .then().statusCode(200);
        n.organiser().as().get(n.path("/alignment")).then().body("objecting", equalTo(1)).body("alignmentRate", equalTo(0.5f));
        objector.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + first + "/stances/mine")).then().statusCode(200);
        n.organiser().as().get(n.path("/alignment")).then().body("endorsing", equalTo(2)).body("alignmentRate", equalTo(1.0f));

        String second = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + second + "/stances/mine")).then().statusCode(200);
        objector.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + second + "/stances/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/purposes/" + second + "/closure")).then().body("status", equalTo("ADOPTED"));
        n.organiser().as().get(n.path("/purposes/" + first)).then().body("status", equalTo("SUPERSEDED"))
                .body("supersededBy", equalTo(second));
        n.organiser().as().get(n.path("/purposes/current")).then().body("id", equalTo(second));
        JsonNode superseded = Fixtures.awaitEvent(n.id(), MembersEvents.PURPOSE_SUPERSEDED);
        assertThat(superseded.path("purposeId").asText(), equalTo(first));
        assertThat(Fixtures.awaitEvents(n.id(), MembersEvents.PURPOSE_ADOPTED, 2).get(1).path("supersedes").asText(), equalTo(first));
    }

    @Test
    void after_an_adoption_organisers_list_the_objectors_and_the_silent_to_follow_them_up() {
        TestNetwork n = Fixtures.network();
        Person endorser = Fixtures.join(n, "Endorser");
        Person objector = Fixtures.join(n, "Objector");
        Person abstainer = Fixtures.join(n, "Abstainer");
        Person silent = Fixtures.join(n, "Silent");
        String purpose = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(200).body("items", hasSize(5));
        for (Person p : List.of(n.organiser(), endorser)) {
            p.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        }
        objector.as().body(Map.of("stance", "OBJECT", "reason", "Leaves out the practitioners"))
                .put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        abstainer.as().body(Map.of("stance", "ABSTAIN")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().body("status", equalTo("ADOPTED"));

        List<String> expected = Stream.of(objector, silent).map(p -> p.memberId().toString()).sorted().toList();
        n.organiser().as().get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(200)
                .body("items.memberId", equalTo(expected))
                .body("items.find { it.memberId == '" + objector.memberId() + "' }.stance", equalTo("OBJECT"))
                .body("items.find { it.memberId == '" + objector.memberId() + "' }.reason", equalTo("Leaves out the practitioners"))
                .body("items.find { it.memberId == '" + objector.memberId() + "' }.displayName", equalTo("Objector"))
                .body("items.find { it.memberId == '" + silent.memberId() + "' }.stance", nullValue());
        n.organiser().as().queryParam("stance", "OBJECT").get(n.path("/purposes/" + purpose + "/follow-up")).then()
                .body("items.memberId", equalTo(List.of(objector.memberId().toString())));
        n.organiser().as().queryParam("stance", "NONE").queryParam("limit", 1).get(n.path("/purposes/" + purpose + "/follow-up")).then()
                .body("items.memberId", equalTo(List.of(silent.memberId().toString())));
        n.organiser().as().queryParam("stance", "ABSTAIN").get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(400)
                .body("errors[0].field", equalTo("stance"));
        objector.as().get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(403);

        // the objector reconsiders and endorses; the silent member leaves because they do not share it: both off the list
        objector.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        silent.as().body(Map.of("reason", "DOES_NOT_SHARE_PURPOSE")).post(n.path("/members/" + silent.memberId() + "/departure"))
                .then().statusCode(200);
        n.organiser().as().get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(200).body("items", hasSize(0));
        n.organiser().as().get(n.path("/alignment")).then().body("objecting", equalTo(0)).body("endorsing", equalTo(3));

        String draft = n.organiser().as().body(Map.of("statement", "A later draft")).post(n.path("/purposes")).then().statusCode(201)
                .extract().path("id");
        n.organiser().as().get(n.path("/purposes/" + draft + "/follow-up")).then().statusCode(404)
                .body("detail", containsString("draft"));
    }

    @Test
    void a_member_reads_their_membership_and_stances_at_me() {
        TestNetwork n = Fixtures.network();
        Person member = Fixtures.join(n, "Mia Me");
        List<Person> endorsers = List.of(Fixtures.join(n, "Endorser 1"), Fixtures.join(n, "Endorser 2"));
        member.as().get(n.path("/me")).then().statusCode(200).body("member.id", equalTo(member.memberId().toString()))
                .body("member.status", equalTo("ACTIVE")).body("member.email", equalTo(member.subject() + "@example.org"))
                .body("currentPurpose", nullValue()).body("consultation", nullValue());
        String purpose = SanctionEffectsIT.openConsultation(n);
        member.as().body(Map.of("stance", "OBJECT", "reason", "Too narrow")).put(n.path("/purposes/" + purpose + "/stances/mine"))
                .then().statusCode(200);
        member.as().get(n.path("/me")).then().body("consultation.purposeId", equalTo(purpose))
                .body("consultation.stance.stance", equalTo("OBJECT")).body("consultation.stance.reason", equalTo("Too narrow"))
                .body("currentPurpose", nullValue());
        for (Person p : Stream.concat(Stream.of(n.organiser()), endorsers.stream()).toList()) {
            p.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        }
        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().body("status", equalTo("ADOPTED"));
        member.as().get(n.path("/me")).then().body("currentPurpose.purposeId", equalTo(purpose))
                .body("currentPurpose.stance.stance", equalTo("OBJECT")).body("consultation", nullValue());
        n.organiser().as().get(n.path("/me")).then().body("member.id", equalTo(n.organiser().memberId().toString()))
                .body("currentPurpose.stance.stance", equalTo("ENDORSE"));
        Fixtures.asAdmin().get(n.path("/me")).then().statusCode(404); // no membership record in the network
    }

    @Test
    void concurrent_closures_decide_a_consultation_once() throws Exception {
        TestNetwork n = Fixtures.network();
        String purpose = SanctionEffectsIT.openConsultation(n);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        List<CompletableFuture<Integer>> closures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            closures.add(CompletableFuture.supplyAsync(() ->
                    n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).statusCode()));
        }
        List<Integer> statuses = closures.stream().map(CompletableFuture::join).toList();
        assertThat(statuses.stream().filter(s -> s == 200).count(), equalTo(1L));
        assertThat(statuses.stream().filter(s -> s == 409 || s == 412).count(), equalTo(3L));
        assertThat(LocalStack.get().query("members", "select count(*) from purpose where network_id = ? and status = 'ADOPTED'",
                n.id()).get(0).get(0), equalTo(1L));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Fixtures.events(n.id()).stream().filter(e -> e.path("type").asText()
                        .equals(MembersEvents.PURPOSE_ADOPTED.name())).toList(), hasSize(1)));
    }

    @Test
    void the_scheduler_closes_a_consultation_on_time_even_one_that_came_due_while_no_instance_ran() {
        TestNetwork n = Fixtures.network();
        Person member = Fixtures.join(n, "Voter");
        String purpose = n.organiser().as().body(Map.of("statement", "Timed")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of("closesAt", Instant.now().plusSeconds(2).toString()))
                .post(n.path("/purposes/" + purpose + "/consultation")).then().statusCode(200);
        member.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        n.organiser().as().body(Map.of("stance", "ABSTAIN")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/purposes/" + purpose))
                .then().body("status", equalTo("ADOPTED")).body("decidedAt", notNullValue()));
        assertThat(Fixtures.awaitEvents(n.id(), MembersEvents.PURPOSE_ADOPTED, 1), hasSize(1));

        // a consultation whose closing time passed while the service was down is closed at the next tick
        String overdue = n.organiser().as().body(Map.of("statement", "Overdue")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of("closesAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + overdue + "/consultation")).then().statusCode(200);
        LocalStack.get().query("members", "update purpose set closes_at = now() - interval '2 days' where id = cast(? as uuid)", overdue);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/purposes/" + overdue))
                .then().body("status", equalTo("REJECTED")));
        List<String> decided = Fixtures.events(n.id()).stream().map(e -> e.path("type").asText())
                .filter(t -> t.endsWith("adopted.v1") || t.endsWith("rejected.v1")).toList();
        assertThat(decided, containsInAnyOrder(MembersEvents.PURPOSE_ADOPTED.name(), MembersEvents.PURPOSE_REJECTED.name()));
    }
}
