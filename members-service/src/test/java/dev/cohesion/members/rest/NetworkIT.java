package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.members.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.members.Fixtures.BASE;
import static dev.cohesion.members.Fixtures.asAdmin;
import static dev.cohesion.members.Fixtures.awaitEvent;
import static dev.cohesion.members.Fixtures.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class NetworkIT {

    private static final Map<String, Object> SETTINGS = Map.of("activeWithinDays", 21, "dormantAfterDays", 45,
            "newMemberDays", 20, "quorum", 0.6, "endorsementThreshold", 0.75);

    @Test
    void the_platform_administrator_creates_a_network_with_its_first_organiser() {
        String slug = "ethics-" + UUID.randomUUID().toString().substring(0, 6);
        Response created = asAdmin().body(Map.of("slug", slug, "name", "Applied Ethics", "description", "Why we meet",
                        "firstOrganiser", Map.of("userId", "auth|amira", "displayName", "Amira Haddad",
                                "email", slug + "@example.org", "constituency", "ACADEMIC", "interests", List.of("policy"))))
                .post(BASE);
        created.then().statusCode(201).header("ETag", "\"0\"")
                .body("network.slug", equalTo(slug)).body("network.settings.activeWithinDays", equalTo(30))
                .body("network.settings.quorum", equalTo(0.5f)).body("firstOrganiserMemberId", notNullValue());
        String id = created.jsonPath().getString("network.id");
        assertThat(created.header("Location"), endsWith(BASE + "/" + id));

        JsonNode event = awaitEvent(UUID.fromString(id), MembersEvents.NETWORK_CREATED);
        assertThat(event.path("slug").asText(), equalTo(slug));
        assertThat(event.path("settings").path("endorsementThreshold").asDouble(), equalTo(2.0 / 3.0));
        JsonNode founder = awaitEvent(UUID.fromString(id), MembersEvents.MEMBER_JOINED);
        assertThat(founder.path("memberId").asText(), equalTo(created.jsonPath().getString("firstOrganiserMemberId")));
        assertThat(founder.path("route").asText(), equalTo("FOUNDER"));
        assertThat(founder.path("roles").toString(), equalTo("[\"ORGANISER\",\"MEMBER\"]"));
        assertThat("no personal e-mail address in events", founder.has("email"), equalTo(false));
    }

    @Test
    void a_slug_is_unique() {
        Fixtures.TestNetwork n = Fixtures.network();
        String slug = Fixtures.as(n.organiser().token()).get(n.path("")).jsonPath().getString("slug");
        asAdmin().body(Map.of("slug", slug, "name", "Again", "firstOrganiser",
                        Map.of("userId", "x", "displayName", "X", "constituency", "OTHER")))
                .post(BASE).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://cohesion.dev/problems/conflict")).body("detail", containsString(slug));
    }

    @Test
    void settings_are_updated_with_if_match_only_against_the_current_version() {
        Fixtures.TestNetwork n = Fixtures.network();
        Map<String, Object> update = Map.of("name", "Renamed", "settings", SETTINGS);
        n.organiser().as().body(update).put(n.path("")).then().statusCode(428)
                .body("type", equalTo("https://cohesion.dev/problems/precondition-required"));
        n.organiser().as().header("If-Match", "\"7\"").body(update).put(n.path("")).then().statusCode(412)
                .body("type", equalTo("https://cohesion.dev/problems/precondition-failed"));
        String etag = n.organiser().as().get(n.path("")).then().statusCode(200).extract().header("ETag");
        n.organiser().as().header("If-Match", etag).body(update).put(n.path("")).then().statusCode(200)
                .header("ETag", "\"1\"").body("name", equalTo("Renamed")).body("settings.quorum", equalTo(0.6f));
        n.organiser().as().header("If-Match", etag).body(update).put(n.path("")).then().statusCode(412);

        JsonNode updated = awaitEvent(n.id(), MembersEvents.NETWORK_UPDATED);
        assertThat(updated.path("version").asLong(), equalTo(1L));
        assertThat(updated.path("settings").path("dormantAfterDays").asInt(), equalTo(45));
    }

    @Test
    void inconsistent_settings_are_refused_field_by_field() {
        Fixtures.TestNetwork n = Fixtures.network();
        String etag = n.organiser().as().get(n.path("")).header("ETag");
        n.organiser().as().header("If-Match", etag).body(Map.of("name", "N", "settings", Map.of("activeWithinDays", 40,
                        "dormantAfterDays", 20, "newMemberDays", 20, "quorum", 1.5, "endorsementThreshold", 0.5)))
                .put(n.path("")).then().statusCode(400).body("type", equalTo("https://cohesion.dev/problems/validation"))
                .body("errors.field", hasItem("settings.quorum"));
        n.organiser().as().header("If-Match", etag).body(Map.of("name", "N", "settings", Map.of("activeWithinDays", 40,
                        "dormantAfterDays", 20, "newMemberDays", 20, "quorum", 0.5, "endorsementThreshold", 0.5)))
                .put(n.path("")).then().statusCode(400).body("errors[0].field", equalTo("settings.dormantAfterDays"));
    }

    @Test
    void callers_list_the_networks_they_belong_to_page_by_page() {
        Fixtures.TestNetwork a = Fixtures.network();
        Fixtures.TestNetwork b = Fixtures.network();
        String subject = "two-hats-" + UUID.randomUUID();
        String both = dev.cohesion.stack.testing.LocalStack.get().tokens(subject).sign();
        for (Fixtures.TestNetwork n : List.of(a, b)) {
            String member = Fixtures.as(both).body(Map.of("profile", Map.of("displayName", "Two Hats", "email", "hats-" + n.id().toString().substring(0, 13) + "@example.org",
                    "constituency", "OTHER"))).post(n.path("/applications")).then().statusCode(201).extract().path("id");
            n.organiser().as().post(n.path("/members/" + member + "/approval")).then().statusCode(200);
        }
        Fixtures.as(both).get(BASE).then().statusCode(200).body("items", hasSize(2)).body("nextCursor", equalTo(null));
        Response first = Fixtures.as(both).queryParam("limit", 1).get(BASE);
        first.then().statusCode(200).body("items", hasSize(1)).body("nextCursor", notNullValue());
        Fixtures.as(both).queryParam("limit", 1).queryParam("cursor", first.jsonPath().getString("nextCursor")).get(BASE)
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", equalTo(null))
                .body("items[0].id", equalTo(b.id().compareTo(a.id()) > 0 ? b.id().toString() : a.id().toString()));
        Fixtures.as(a.organiser().token()).get(BASE).then().body("items.id", equalTo(List.of(a.id().toString())));
        asAdmin().queryParam("limit", 200).get(BASE).then().statusCode(200).body("items.id", hasItem(b.id().toString()));
    }

    @Test
    void a_member_of_another_network_cannot_even_see_that_it_exists() {
        Fixtures.TestNetwork a = Fixtures.network();
        Fixtures.TestNetwork b = Fixtures.network();
        Fixtures.as(a.organiser().token()).get(b.path("")).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://cohesion.dev/problems/not-found"));
        Fixtures.as(a.organiser().token()).get(BASE + "/" + UUID.randomUUID()).then().statusCode(404);
        json(Fixtures.as(a.organiser().token()).get(a.path("")).then().statusCode(200));
    }
}
