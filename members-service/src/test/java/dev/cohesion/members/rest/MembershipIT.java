package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static dev.cohesion.members.Fixtures.awaitEvents;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MembershipIT {

    private static final String RULE = "https://cohesion.dev/problems/rule-violation";
    private static final String TRANSITION = "https://cohesion.dev/problems/invalid-state-transition";

    @Test
    void an_application_is_approved_and_the_member_joins() {
        TestNetwork n = Fixtures.network();
        Person applicant = Fixtures.applicant(n, "Jonas Berg", "PRACTITIONER", "Berg & Partners");
        n.organiser().as().get(n.path("/members/" + applicant.memberId())).then().statusCode(200)
                .body("status", equalTo("APPLIED")).body("email", notNullValue());
        Person member = Fixtures.join(n, "Someone Else");
        member.as().get(n.path("/members/" + applicant.memberId())).then().statusCode(404);

        n.organiser().as().post(n.path("/members/" + applicant.memberId() + "/approval")).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("joinedAt", notNullValue()).body("roles", equalTo(List.of("MEMBER")));
        List<JsonNode> joined = awaitEvents(n.id(), MembersEvents.MEMBER_JOINED, 3);
        JsonNode event = joined.stream().filter(e -> e.path("memberId").asText().equals(applicant.memberId().toString()))
                .findFirst().orElseThrow();
        assertThat(event.path("route").asText(), equalTo("APPLICATION"));
        assertThat("member-joined.v2 carries no personal data", event.has("displayName") || event.has("organisation"), equalTo(false));
        JsonNode profile = Fixtures.awaitProfile(applicant.memberId(), p -> true);
        assertThat(profile.path("organisation").asText(), equalTo("Berg & Partners"));
        assertThat(profile.path("constituency").asText(), equalTo("PRACTITIONER"));
        assertThat(profile.path("principal").path("subject").asText(), equalTo(applicant.subject()));

        n.organiser().as().post(n.path("/members/" + applicant.memberId() + "/approval")).then().statusCode(409)
                .body("type", equalTo(TRANSITION)).body("currentState", equalTo("ACTIVE"));
    }

    @Test
    void a_declined_applicant_may_apply_again_but_nobody_applies_twice_at_once() {
        TestNetwork n = Fixtures.network();
        Person applicant = Fixtures.applicant(n, "Lea", "POLICY", "Ministry");
        Map<String, Object> again = Map.of("profile", Map.of("displayName", "Lea", "constituency", "POLICY"));
        applicant.as().body(again).post(n.path("/applications")).then().statusCode(409)
                .body("type", equalTo(RULE)).body("rule", equalTo("one-membership-per-person"));
        n.organiser().as().body(Map.of("reason", "Members are practitioners")).post(n.path("/members/" + applicant.memberId() + "/decline"))
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        n.organiser().as().post(n.path("/members/" + applicant.memberId() + "/approval")).then().statusCode(409)
                .body("currentState", equalTo("DECLINED"));
        applicant.as().body(again).post(n.path("/applications")).then().statusCode(201)
                .body("id", equalTo(applicant.memberId().toString())).body("status", equalTo("APPLIED"));
    }

    @Test
    void a_refused_request_releases_its_idempotency_key_so_the_retry_gets_the_same_refusal() {
        TestNetwork n = Fixtures.network();
        Person ana = Fixtures.join(n, "Ana");
        String key = UUID.randomUUID().toString();
        Map<String, Object> again = Map.of("profile", Map.of("displayName", "Ana again", "constituency", "OTHER"));
        for (int attempt = 0; attempt < 2; attempt++) {
            ana.as().header("Idempotency-Key", key).body(again).post(n.path("/applications")).then().statusCode(409)
                    .body("rule", equalTo("one-membership-per-person")).header("Idempotency-Replayed", nullValue());
        }
    }

    @Test
    void the_same_idempotency_key_sent_at_once_applies_once_and_the_others_wait_for_its_answer() throws Exception {
        TestNetwork n = Fixtures.network();
        String subject = "user-" + UUID.randomUUID();
        String token = LocalStack.get().tokens(subject).sign();
        String key = UUID.randomUUID().toString();
        Map<String, Object> application = Map.of("profile", Map.of("displayName", "Tess Twice", "constituency", "OTHER"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(pool.submit(() -> Fixtures.as(token).header("Idempotency-Key", key).body(application).post(n.path("/applications"))));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : sent) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        String id = answers.get(0).then().statusCode(201).extract().path("id");
        for (Response a : answers) {
            a.then().statusCode(201).body("id", equalTo(id)).body("status", equalTo("APPLIED"));
        }
        assertThat("one answer is the first, the others its replay",
                answers.stream().filter(a -> a.header("Idempotency-Replayed") == null).count(), equalTo(1L));
        n.organiser().as().queryParam("status", "APPLIED").get(n.path("/members")).then().statusCode(200)
                .body("items.findAll { it.displayName == 'Tess Twice' }.id", equalTo(List.of(id)));
    }

    @Test
    void an_invitation_is_accepted_once_and_retries_with_the_same_key_are_replayed() {
        TestNetwork n = Fixtures.network();
        String email = "ines-" + UUID.randomUUID() + "@example.org";
        Map<String, Object> profile = Map.of("displayName", "Ines", "email", email, "constituency", "ACADEMIC");
        String key = UUID.randomUUID().toString();
        Response first = n.organiser().as().header("Idempotency-Key", key).body(profile).post(n.path("/invitations"));
        first.then().statusCode(201).body("status", equalTo("INVITED"));
        Response replay = n.organiser().as().header("Idempotency-Key", key).body(profile).post(n.path("/invitations"));
        replay.then().statusCode(201).header("Idempotency-Replayed", "true").header("Location", first.header("Location"))
                .body("id", equalTo(first.jsonPath().getString("id")));
        n.organiser().as().header("Idempotency-Key", key).body(Map.of("displayName", "Other", "constituency", "OTHER"))
                .post(n.path("/invitations")).then().statusCode(422)
                .body("type", equalTo("https://cohesion.dev/problems/idempotency-key-reused"));

        String invitation = first.jsonPath().getString("id");
        String invitee = LocalStack.get().tokens("user-" + UUID.randomUUID()).email(email.toUpperCase()).sign();
        Fixtures.as(invitee).post(n.path("/invitations/" + invitation + "/acceptance")).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("email", equalTo(email));
        Fixtures.as(invitee).get(n.path("/members/" + invitation)).then().statusCode(200).body("displayName", equalTo("Ines"));
        Fixtures.as(invitee).post(n.path("/invitations/" + invitation + "/acceptance")).then().statusCode(409)
                .body("currentState", equalTo("ACTIVE"));
        JsonNode joined = awaitEvents(n.id(), MembersEvents.MEMBER_JOINED, 2).get(1);
        assertThat(joined.path("route").asText(), equalTo("INVITATION"));
    }

    @Test
    void an_invitation_is_accepted_only_with_the_invited_address_verified_and_reveals_nothing_to_anyone_else() {
        TestNetwork n = Fixtures.network();
        String email = "ivo-" + UUID.randomUUID() + "@example.org";
        String invitation = n.organiser().as().body(Map.of("displayName", "Ivo Invitee", "email", email, "constituency", "POLICY"))
                .post(n.path("/invitations")).then().statusCode(201).extract().path("id");
        for (String someoneElse : List.of(LocalStack.get().tokens("user-" + UUID.randomUUID()).sign(),
                LocalStack.get().tokens("user-" + UUID.randomUUID()).email("mallory@example.org").sign(),
                LocalStack.get().tokens("user-" + UUID.randomUUID()).unverifiedEmail(email).sign())) {
            Fixtures.as(someoneElse).post(n.path("/invitations/" + invitation + "/acceptance")).then().statusCode(404)
                    .body("type", equalTo("https://cohesion.dev/problems/not-found"))
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(email)))
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Ivo")));
        }
        n.organiser().as().get(n.path("/members/" + invitation)).then().statusCode(200).body("status", equalTo("INVITED"));
        String ivo = LocalStack.get().tokens("user-" + UUID.randomUUID()).email(email).sign();
        Fixtures.as(ivo).post(n.path("/invitations/" + invitation + "/acceptance")).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void a_removed_member_is_refused_on_the_next_request_and_keeps_only_their_own_record() {
        TestNetwork n = Fixtures.network();
        Person rob = Fixtures.join(n, "Rob");
        rob.as().get(n.path("/members")).then().statusCode(200);
        n.organiser().as().body(Map.of("reason", "Harassment, see case 12.")).post(n.path("/members/" + rob.memberId() + "/removal"))
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        rob.as().get(n.path("/members")).then().statusCode(403).body("type", equalTo("https://cohesion.dev/problems/forbidden"));
        rob.as().get(n.path("")).then().statusCode(403);
        rob.as().get(n.path("/members/" + rob.memberId())).then().statusCode(200).body("status", equalTo("REMOVED"));
        rob.as().get(n.path("/members/" + n.organiser().memberId())).then().statusCode(404);
    }

    @Test
    void members_change_only_their_own_profile_with_if_match() {
        TestNetwork n = Fixtures.network();
        Person jonas = Fixtures.join(n, "Jonas");
        Person other = Fixtures.join(n, "Other");
        Map<String, Object> profile = Map.of("displayName", "Jonas B.", "organisation", "New Org", "constituency", "POLICY",
                "interests", List.of("health", "policy"), "sharedWithPartners", List.of("DISPLAY_NAME", "INTERESTS"));
        String etag = jonas.as().get(n.path("/members/" + jonas.memberId())).header("ETag");
        other.as().header("If-Match", etag).body(profile).put(n.path("/members/" + jonas.memberId() + "/profile"))
                .then().statusCode(403).body("rule", equalTo("own-record-only"));
        jonas.as().header("If-Match", etag).body(profile).put(n.path("/members/" + jonas.memberId() + "/profile"))
                .then().statusCode(200).body("displayName", equalTo("Jonas B.")).body("interests", hasSize(2));
        jonas.as().header("If-Match", etag).body(profile).put(n.path("/members/" + jonas.memberId() + "/profile"))
                .then().statusCode(412);
        JsonNode published = Fixtures.awaitProfile(jonas.memberId(), p -> p.path("organisation").asText().equals("New Org"));
        assertThat(published.path("displayName").asText(), equalTo("Jonas B."));
        assertThat(published.path("interests").toString(), equalTo("[\"health\",\"policy\"]"));
        assertThat("profiles travel only on the compacted profiles topic", Fixtures.events(n.id()).stream()
                .map(e -> e.path("type").asText()).filter(t -> t.contains("profile")).toList(), empty());
    }

    @Test
    void the_last_organiser_can_neither_leave_nor_be_demoted() {
        TestNetwork n = Fixtures.network();
        Person organiser = n.organiser();
        organiser.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + organiser.memberId() + "/departure"))
                .then().statusCode(409).body("rule", equalTo("last-organiser-stays"));
        organiser.as().body(Map.of("roles", List.of("MEMBER"))).put(n.path("/members/" + organiser.memberId() + "/roles"))
                .then().statusCode(409).body("rule", equalTo("last-organiser-stays"));

        Person second = Fixtures.join(n, "Second");
        organiser.as().body(Map.of("roles", List.of("ORGANISER", "MEMBER"))).put(n.path("/members/" + second.memberId() + "/roles"))
                .then().statusCode(200).body("roles", equalTo(List.of("ORGANISER", "MEMBER")));
        JsonNode roles = awaitEvent(n.id(), MembersEvents.MEMBER_ROLES_CHANGED);
        assertThat(roles.path("memberId").asText(), equalTo(second.memberId().toString()));
        assertThat(roles.path("roles").toString(), equalTo("[\"ORGANISER\",\"MEMBER\"]"));
        organiser.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + organiser.memberId() + "/departure"))
                .then().statusCode(200).body("status", equalTo("LEFT"));
    }

    @Test
    void an_organiser_removes_a_member_and_alumni_stay_listed() {
        TestNetwork n = Fixtures.network();
        Person removed = Fixtures.join(n, "Removed");
        Person alumnus = Fixtures.join(n, "Alumnus");
        Person watcher = Fixtures.join(n, "Watcher");
        n.organiser().as().body(Map.of("reason", "Repeated harassment")).post(n.path("/members/" + removed.memberId() + "/removal"))
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        alumnus.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + alumnus.memberId() + "/departure"))
                .then().statusCode(200);
        watcher.as().queryParam("status", "LEFT").get(n.path("/members")).then().statusCode(200)
                .body("items.id", equalTo(List.of(alumnus.memberId().toString()))).body("items[0].statusReason", equalTo("MOVED_ON"));
        watcher.as().get(n.path("/members")).then().body("items.id", not(hasItem(removed.memberId().toString())));
        JsonNode status = awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 2).get(0);
        assertThat(status.path("to").asText(), equalTo("REMOVED"));
        assertThat(status.path("reason").asText(), equalTo("REMOVED_BY_ORGANISER"));
    }

    @Test
    void an_organiser_readmits_a_member_who_left_or_was_removed_but_not_after_an_erasure() {
        TestNetwork n = Fixtures.network();
        Person rob = Fixtures.join(n, "Rob");
        Person lea = Fixtures.join(n, "Lea");
        n.organiser().as().body(Map.of("reason", "Harassment")).post(n.path("/members/" + rob.memberId() + "/removal"))
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        rob.as().get(n.path("/members")).then().statusCode(403);
        lea.as().body(Map.of("reason", "He said sorry")).post(n.path("/members/" + rob.memberId() + "/readmission")).then().statusCode(403);

        n.organiser().as().body(Map.of("reason", "Back after the mediation agreed in May."))
                .post(n.path("/members/" + rob.memberId() + "/readmission")).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("statusReason", equalTo("READMITTED")).body("leftAt", nullValue());
        rob.as().get(n.path("/members")).then().statusCode(200);
        JsonNode readmitted = awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 2).stream()
                .filter(e -> e.path("to").asText().equals("ACTIVE")).findFirst().orElseThrow();
        assertThat(readmitted.path("memberId").asText(), equalTo(rob.memberId().toString()));
        assertThat(readmitted.path("from").asText(), equalTo("REMOVED"));
        assertThat(readmitted.path("reason").asText(), equalTo("READMITTED"));
        // an active member has nothing to be readmitted to
        n.organiser().as().body(Map.of("reason", "again")).post(n.path("/members/" + rob.memberId() + "/readmission"))
                .then().statusCode(409).body("type", equalTo("https://cohesion.dev/problems/invalid-state-transition"));

        // who left comes back too; once erased, they apply again
        lea.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + lea.memberId() + "/departure")).then().statusCode(200);
        n.organiser().as().body(Map.of("reason", "Her new job is in the field")).post(n.path("/members/" + lea.memberId() + "/readmission"))
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        lea.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + lea.memberId() + "/departure")).then().statusCode(200);
        lea.as().post(n.path("/members/" + lea.memberId() + "/erasure")).then().statusCode(200);
        n.organiser().as().body(Map.of("reason", "x")).post(n.path("/members/" + lea.memberId() + "/readmission"))
                .then().statusCode(409).body("rule", equalTo("readmission-not-after-erasure"));
    }

    @Test
    void erasure_scrubs_personal_data_keeps_the_facts_and_tells_the_other_services() {
        TestNetwork n = Fixtures.network();
        Person leaving = Fixtures.join(n, "Leaving Person");
        leaving.as().post(n.path("/members/" + leaving.memberId() + "/erasure")).then().statusCode(409)
                .body("rule", equalTo("leave-before-erasure"));
        leaving.as().body(Map.of("reason", "OTHER")).post(n.path("/members/" + leaving.memberId() + "/departure")).then().statusCode(200);
        leaving.as().post(n.path("/members/" + leaving.memberId() + "/erasure")).then().statusCode(200)
                .body("erased", equalTo(true)).body("displayName", equalTo("Erased member")).body("email", nullValue())
                .body("organisation", nullValue()).body("status", equalTo("LEFT")).body("joinedAt", notNullValue());
        JsonNode erased = awaitEvent(n.id(), MembersEvents.MEMBER_ERASED);
        assertThat(erased.path("memberId").asText(), equalTo(leaving.memberId().toString()));
        List<List<Object>> row = LocalStack.get().query("members",
                "select display_name, email, user_id, status from member where id = ?", leaving.memberId());
        assertThat(row.get(0), equalTo(java.util.Arrays.asList("Erased member", null, null, "LEFT")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat("the profile's last record is a tombstone",
                last(Fixtures.profileRecords(leaving.memberId())).value(), nullValue()));
        assertThat("no outbox row carries the name any more", LocalStack.get().query("members",
                "select count(*) from outbox_event where strpos(coalesce(envelope, ''), 'Leaving Person') > 0").get(0).get(0), equalTo(0L));
        assertThat("no stored response mentions the member", LocalStack.get().query("members",
                "select count(*) from idempotency_record where strpos(coalesce(body, ''), ?) > 0", leaving.memberId().toString())
                .get(0).get(0), equalTo(0L));
        n.organiser().as().post(n.path("/members/" + leaving.memberId() + "/erasure")).then().statusCode(200)
                .body("erased", equalTo(true)).body("displayName", equalTo("Erased member"));
        assertThat("a second erasure adds no second tombstone", LocalStack.get().query("members",
                "select count(*) from outbox_event where event_type = 'tombstone' and record_key = ?", leaving.memberId().toString())
                .get(0).get(0), equalTo(1L));
    }

    @Test
    void the_directory_filters_pages_and_shows_partners_only_what_members_consented_to_share() {
        TestNetwork n = Fixtures.network();
        Person a = Fixtures.join(n, "Ana", "ACADEMIC", "University A");
        Person b = Fixtures.join(n, "Ben", "PRACTITIONER", "Firm B");
        Fixtures.join(n, "Cai", "PRACTITIONER", "Firm C");
        n.organiser().as().queryParam("constituency", "PRACTITIONER").get(n.path("/members")).then().statusCode(200)
                .body("items", hasSize(2));
        n.organiser().as().queryParam("organisation", "firm b").get(n.path("/members")).then()
                .body("items.id", equalTo(List.of(b.memberId().toString())));
        n.organiser().as().queryParam("interest", "policy").get(n.path("/members")).then().body("items", hasSize(3));
        Response page = a.as().queryParam("limit", 2).get(n.path("/members"));
        page.then().body("items", hasSize(2)).body("nextCursor", notNullValue()).body("items[0].email", nullValue());
        a.as().queryParam("limit", 2).queryParam("cursor", page.jsonPath().getString("nextCursor")).get(n.path("/members"))
                .then().body("items", hasSize(2)).body("nextCursor", nullValue());

        String partner = Fixtures.partner(n, "directory:read");
        Fixtures.as(partner).get(n.path("/members/" + b.memberId())).then().statusCode(200)
                .body("displayName", equalTo("Ben")).body("organisation", nullValue()).body("email", nullValue())
                .body("constituency", nullValue());
        String noScope = Fixtures.partner(n, "activities:write");
        Fixtures.as(noScope).get(n.path("/members")).then().statusCode(403);
    }

    private static <T> T last(List<T> list) {
        assertThat(list, not(empty()));
        return list.get(list.size() - 1);
    }
}
