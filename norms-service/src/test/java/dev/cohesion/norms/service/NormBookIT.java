package dev.cohesion.norms.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class NormBookIT {

    private static final Map<String, Object> AMENDED = Map.of("title", "Credit others", "text", "Name them, aloud and in writing.",
            "category", "collaboration", "severity", "HIGH");

    @Test
    void every_change_to_the_active_norms_publishes_a_new_book_version() {
        TestNetwork n = Fixtures.network();
        String first = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String second = Fixtures.activeNorm(n, "N-02", "LOW");
        n.organiser().as().get(n.path("/norm-book")).then().statusCode(200)
                .body("version", equalTo(2)).body("norms.code", equalTo(List.of("N-01", "N-02")))
                .body("changeNote", equalTo("N-02 activated"));

        String etag = n.organiser().as().get(n.path("/norms/" + first)).header("ETag");
        n.organiser().as().body(AMENDED).put(n.path("/norms/" + first)).then().statusCode(428);
        n.organiser().as().header("If-Match", etag).body(AMENDED).put(n.path("/norms/" + first)).then().statusCode(200)
                .body("version", equalTo(2)).body("severity", equalTo("HIGH"));
        n.organiser().as().header("If-Match", etag).body(AMENDED).put(n.path("/norms/" + first)).then().statusCode(412);
        n.organiser().as().post(n.path("/norms/" + second + "/retirement")).then().statusCode(200).body("status", equalTo("RETIRED"));
        n.organiser().as().post(n.path("/norms/" + second + "/retirement")).then().statusCode(409)
                .body("currentState", equalTo("RETIRED"));

        n.organiser().as().get(n.path("/norm-book")).then().body("version", equalTo(4)).body("norms.code", equalTo(List.of("N-01")))
                .body("norms[0].normVersion", equalTo(2)).body("norms[0].text", equalTo("Name them, aloud and in writing."));
        n.organiser().as().get(n.path("/norm-book/versions/2")).then().statusCode(200)
                .body("norms[0].normVersion", equalTo(1)).body("norms[0].text", equalTo("Text of N-01"));
        n.organiser().as().queryParam("from", 2).queryParam("to", 4).get(n.path("/norm-book/diff")).then().statusCode(200)
                .body("added", hasSize(0)).body("removed.code", equalTo(List.of("N-02")))
                .body("amended[0].before.normVersion", equalTo(1)).body("amended[0].after.normVersion", equalTo(2));
        n.organiser().as().get(n.path("/norms/" + first + "/versions")).then().body("version", equalTo(List.of(1, 2)));
        n.organiser().as().get(n.path("/norms")).then().statusCode(200).body("code", equalTo(List.of("N-01", "N-02")))
                .body("status", equalTo(List.of("ACTIVE", "RETIRED")));

        List<JsonNode> books = Fixtures.events(n.id(), NormsEvents.NORM_BOOK_PUBLISHED, 4);
        assertThat(books.stream().map(b -> b.path("version").asInt()).toList(), equalTo(List.of(1, 2, 3, 4)));
        assertThat(books.get(3).path("norms").get(0).path("normVersion").asInt(), equalTo(2));
        assertThat(books.get(3).path("norms").get(0).path("severity").asText(), equalTo("HIGH"));
    }

    @Test
    void a_norm_code_is_unique_and_proposed_norms_are_not_in_the_book() {
        TestNetwork n = Fixtures.network();
        Map<String, Object> norm = Map.of("code", "N-07", "title", "T", "text", "X", "category", "c", "severity", "LOW");
        n.organiser().as().body(norm).post(n.path("/norms")).then().statusCode(201).body("status", equalTo("PROPOSED"));
        n.organiser().as().body(norm).post(n.path("/norms")).then().statusCode(409);
        n.organiser().as().get(n.path("/norm-book")).then().statusCode(404);
        Person member = Fixtures.member(n, "Member");
        member.as().body(norm).post(n.path("/norms")).then().statusCode(403);
    }

    @Test
    void a_network_asking_for_a_yearly_acknowledgement_republishes_its_book_a_year_later_and_members_acknowledge_again() {
        TestNetwork n = Fixtures.network();
        Person ana = Fixtures.member(n, "Ana");
        var settings = n.organiser().as().get(n.path("/norms-settings"));
        settings.then().statusCode(200).body("reacknowledgeMonths", nullValue());
        Map<String, Object> yearly = new HashMap<>(Map.of("ladder", List.of("CORRECTION", "WARNING", "TEMPORARY_SUSPENSION",
                "PERMANENT_REMOVAL"), "suspensionDays", List.of(7, 30, 90), "forgivenessDays", 180, "appealWindowDays", 20,
                "voteQuorum", 0.5, "voteThreshold", 0.5, "reacknowledgeMonths", 61));
        n.organiser().as().header("If-Match", settings.header("ETag")).body(yearly).put(n.path("/norms-settings")).then()
                .statusCode(400).body("errors[0].field", equalTo("reacknowledgeMonths"));
        yearly.put("reacknowledgeMonths", 12);
        n.organiser().as().header("If-Match", settings.header("ETag")).body(yearly).put(n.path("/norms-settings")).then()
                .statusCode(200).body("reacknowledgeMonths", equalTo(12));
        Fixtures.activeNorm(n, "N-01", "MEDIUM");
        ana.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);

        // eleven months on: not due yet (moved in the database, so that the outcome does not depend on the clock)
        LocalStack.get().query("norms", "update norm_book set published_at = now() - interval '11 months' where network_id = cast(? as uuid)",
                n.id().toString());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                n.organiser().as().get(n.path("/norm-book")).then().body("version", equalTo(1)));
        LocalStack.get().query("norms", "update norm_book set published_at = now() - interval '12 months' - interval '1 minute' "
                + "where network_id = cast(? as uuid)", n.id().toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/norm-book")).then()
                .body("version", equalTo(2)).body("norms.code", equalTo(List.of("N-01")))
                .body("changeNote", equalTo("Periodic re-acknowledgement (every 12 months): the norms of version 1, unchanged.")));
        List<JsonNode> published = Fixtures.events(n.id(), NormsEvents.NORM_BOOK_PUBLISHED, 2);
        assertThat(published.get(0).has("renewal"), equalTo(false));
        assertThat(published.get(1).path("renewal").asBoolean(), equalTo(true));
        assertThat(published.get(1).path("norms"), equalTo(published.get(0).path("norms")));
        n.organiser().as().queryParam("acknowledged", false).get(n.path("/norm-book/acknowledgements")).then()
                .body("items.displayName", hasItem("Ana"));
        ana.as().body(Map.of("version", 2)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);
        n.organiser().as().queryParam("acknowledged", true).get(n.path("/norm-book/acknowledgements")).then()
                .body("items.displayName", equalTo(List.of("Ana")));
        // renewed once: the new version is the one that counts from now
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                n.organiser().as().get(n.path("/norm-book")).then().body("version", equalTo(2)));
    }

    @Test
    void members_acknowledge_the_current_version_and_again_after_each_change() {
        TestNetwork n = Fixtures.network();
        Person ana = Fixtures.member(n, "Ana");
        Person ben = Fixtures.member(n, "Ben");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        ana.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200)
                .body("bookVersion", equalTo(1)).body("memberId", equalTo(ana.memberId().toString()));
        n.organiser().as().queryParam("acknowledged", true).get(n.path("/norm-book/acknowledgements")).then()
                .body("items.displayName", equalTo(List.of("Ana")));
        n.organiser().as().queryParam("acknowledged", false).get(n.path("/norm-book/acknowledgements")).then()
                .body("items", hasSize(3));

        String etag = n.organiser().as().get(n.path("/norms/" + norm)).header("ETag");
        n.organiser().as().header("If-Match", etag).body(AMENDED).put(n.path("/norms/" + norm)).then().statusCode(200);
        ana.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(409);
        n.organiser().as().queryParam("acknowledged", true).get(n.path("/norm-book/acknowledgements")).then().body("items", hasSize(0));
        ana.as().body(Map.of("version", 2)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);

        Fixtures.changeStatus(n, ben, MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        ben.as().body(Map.of("version", 2)).post(n.path("/norm-book/acknowledgements")).then().statusCode(403)
                .body("rule", equalTo("only-active-members-acknowledge"));

        List<JsonNode> acks = Fixtures.events(n.id(), NormsEvents.NORM_BOOK_ACKNOWLEDGED, 2);
        assertThat(acks.stream().map(a -> a.path("normBookVersion").asInt()).toList(), equalTo(List.of(1, 2)));
        assertThat(acks.get(1).path("memberId").asText(), equalTo(ana.memberId().toString()));
    }
}
