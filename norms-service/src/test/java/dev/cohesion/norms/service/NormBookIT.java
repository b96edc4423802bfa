package dev.cohesion.norms.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
