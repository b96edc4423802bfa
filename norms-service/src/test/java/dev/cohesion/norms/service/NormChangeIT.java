package dev.cohesion.norms.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.NormReviewSuggested;
import dev.cohesion.events.metrics.ReviewReason;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class NormChangeIT {

    @Test
    void members_vote_a_new_norm_into_the_book() {
        TestNetwork n = Fixtures.network();
        Fixtures.activeNorm(n, "N-01", "LOW");
        Person ana = Fixtures.member(n, "Ana");
        Person ben = Fixtures.member(n, "Ben");
        Person suspended = Fixtures.member(n, "Sam");
        Fixtures.changeStatus(n, suspended, MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        String change = ana.as().body(proposal("ADD", null, "N-02")).post(n.path("/norm-changes")).then().statusCode(201)
                .body("status", equalTo("VOTING")).extract().path("id");
        suspended.as().body(Map.of("choice", "AGAINST")).put(n.path("/norm-changes/" + change + "/votes/mine")).then()
                .statusCode(403).body("rule", equalTo("only-active-members-vote"));
        ana.as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        ben.as().body(Map.of("choice", "AGAINST")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        ben.as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/norm-changes/" + change + "/closure")).then().statusCode(200)
                .body("status", equalTo("ADOPTED")).body("turnout.eligible", equalTo(4)).body("turnout.votesFor", equalTo(2))
                .body("turnout.votesAgainst", equalTo(0)).body("normId", notNullValue());
        ana.as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(409);
        n.organiser().as().get(n.path("/norm-book")).then().body("version", equalTo(2)).body("norms.code", hasItem("N-02"));
        ben.as().get(n.path("/norm-changes")).then().statusCode(200).body("items.id", equalTo(List.of(change)))
                .body("items[0].status", equalTo("ADOPTED")).body("items[0].turnout.votesFor", equalTo(2));

        JsonNode decided = Fixtures.events(n.id(), NormsEvents.NORM_CHANGE_DECIDED, 1).get(0);
        assertThat(decided.path("outcome").asText(), equalTo("ADOPTED"));
        assertThat(decided.path("eligible").asInt(), equalTo(4));
        assertThat(decided.path("votesFor").asInt(), equalTo(2));
        assertThat(Fixtures.events(n.id(), NormsEvents.NORM_CHANGE_PROPOSED, 1).get(0).path("code").asText(), equalTo("N-02"));
    }

    @Test
    void without_quorum_a_change_is_rejected_and_the_scheduler_closes_votes_on_time() {
        TestNetwork n = Fixtures.network();
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        Person ana = Fixtures.member(n, "Ana");
        Fixtures.member(n, "Ben");
        Fixtures.member(n, "Cai");
        Map<String, Object> retire = proposal("RETIRE", norm, null);
        retire.put("closesAt", Instant.now().plusSeconds(2).toString());
        String change = ana.as().body(retire).post(n.path("/norm-changes")).then().statusCode(201).extract().path("id");
        ana.as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ana.as().get(n.path("/norm-changes/" + change)).then()
                .body("status", equalTo("REJECTED")).body("turnout.votesFor", equalTo(1)).body("turnout.eligible", equalTo(5)));
        n.organiser().as().get(n.path("/norms/" + norm)).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void an_amendment_adopted_by_vote_makes_a_new_norm_version() {
        TestNetwork n = Fixtures.network();
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        String change = n.organiser().as().body(proposal("AMEND", norm, null)).post(n.path("/norm-changes")).then().statusCode(201)
                .extract().path("id");
        n.organiser().as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        n.secondOrganiser().as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + change + "/votes/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/norm-changes/" + change + "/closure")).then().body("status", equalTo("ADOPTED"));
        n.organiser().as().get(n.path("/norms/" + norm)).then().body("version", equalTo(2)).body("title", equalTo("A better title"));
    }

    @Test
    void a_review_suggestion_from_metrics_becomes_a_proposal_when_an_organiser_confirms_it() {
        TestNetwork n = Fixtures.network();
        String norm = Fixtures.activeNorm(n, "N-03", "MEDIUM");
        Fixtures.publish(MetricsEvents.NORM_REVIEW_SUGGESTED, n.id(), new NormReviewSuggested(n.id(), UUID.fromString(norm), "N-03",
                ReviewReason.BREACHED_OFTEN, 4, 0, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/review-suggestions")).then()
                .body("items[0].normCode", equalTo("N-03")).body("items[0].figures.breachesLast30Days", equalTo(4))
                .body("items[0].status", equalTo("PENDING")));
        String suggestion = n.organiser().as().get(n.path("/review-suggestions")).then().extract().path("items[0].id");
        String change = n.organiser().as().body(proposal("AMEND", null, null))
                .post(n.path("/review-suggestions/" + suggestion + "/proposal")).then().statusCode(201)
                .body("normId", equalTo(norm)).body("suggestionId", equalTo(suggestion)).extract().path("id");
        n.organiser().as().get(n.path("/review-suggestions")).then().body("items[0].status", equalTo("PROPOSED"))
                .body("items[0].proposalId", equalTo(change));
        n.organiser().as().body(proposal("AMEND", null, null)).post(n.path("/review-suggestions/" + suggestion + "/proposal"))
                .then().statusCode(409);
    }

    @Test
    void who_votes_is_published_once_and_a_vote_closing_within_two_days_asks_once_for_a_reminder() {
        TestNetwork n = Fixtures.network();
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        Person ana = Fixtures.member(n, "Ana");
        Map<String, Object> soon = proposal("AMEND", norm, null);
        soon.put("closesAt", Instant.now().plus(30, ChronoUnit.HOURS).toString());
        String closing = ana.as().body(soon).post(n.path("/norm-changes")).then().statusCode(201).extract().path("id");
        String later = ana.as().body(proposal("RETIRE", norm, null)).post(n.path("/norm-changes")).then().statusCode(201)
                .extract().path("id");
        ana.as().body(Map.of("choice", "AGAINST")).put(n.path("/norm-changes/" + closing + "/votes/mine")).then().statusCode(200);
        ana.as().body(Map.of("choice", "FOR")).put(n.path("/norm-changes/" + closing + "/votes/mine")).then().statusCode(200);

        JsonNode reminder = Fixtures.events(n.id(), NormsEvents.NORM_CHANGE_VOTE_CLOSING, 1).get(0);
        assertThat(reminder.path("proposalId").asText(), equalTo(closing));
        assertThat(reminder.path("code").asText(), equalTo("N-01"));
        assertThat(Instant.parse(reminder.path("votingClosesAt").asText()),
                equalTo(Instant.parse(soon.get("closesAt").toString()).truncatedTo(ChronoUnit.MICROS)));
        // marked once, by the pass that published; the same pass looked at the vote closing in three days and left it alone
        assertThat(LocalStack.get().query("norms", "select closing_reminded_at is null from norm_change where id = cast(? as uuid)",
                later).get(0).get(0), equalTo(true));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat("later passes ask nothing more", Fixtures.events(n.id(), NormsEvents.NORM_CHANGE_VOTE_CLOSING, 1), hasSize(1)));

        // a changed vote publishes nothing: the next event is ana's first vote on the other proposal
        ana.as().body(Map.of("choice", "ABSTAIN")).put(n.path("/norm-changes/" + later + "/votes/mine")).then().statusCode(200);
        List<JsonNode> cast = Fixtures.events(n.id(), NormsEvents.NORM_CHANGE_VOTE_CAST, 2);
        assertThat(cast.stream().map(c -> c.path("proposalId").asText()).toList(), equalTo(List.of(closing, later)));
        assertThat(cast.get(0).path("memberId").asText(), equalTo(ana.memberId().toString()));
        assertThat("who voted, never how", cast.get(0).has("choice"), equalTo(false));
    }

    private static Map<String, Object> proposal(String kind, String normId, String code) {
        Map<String, Object> p = new HashMap<>(Map.of("kind", kind, "title", "A better title", "text", "Clearer words",
                "category", "conduct", "severity", "MEDIUM", "rationale", "It was misread",
                "closesAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()));
        if (normId != null) {
            p.put("normId", normId);
        }
        if (code != null) {
            p.put("code", code);
        }
        return p;
    }

}
