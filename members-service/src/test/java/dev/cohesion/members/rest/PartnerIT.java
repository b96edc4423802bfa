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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PartnerIT {

    @Test
    void organisers_register_a_partners_client_whose_scopes_take_effect_and_whose_revocation_bites_on_the_next_call() {
        TestNetwork n = Fixtures.network();
        Person member = Fixtures.join(n, "Mo");
        String client = "partner-" + UUID.randomUUID();
        Map<String, Object> registration = Map.of("name", "Ethics Forum", "clientId", client, "scopes", List.of("health:read"));
        member.as().body(registration).post(n.path("/partners")).then().statusCode(403);

        Response created = n.organiser().as().body(registration).post(n.path("/partners"));
        created.then().statusCode(201).header("Location", notNullValue()).body("clientId", equalTo(client))
                .body("clientProvisioned", equalTo(false)).body("$", not(hasKey("credentials")))
                .body("scopes", equalTo(List.of("health:read"))).body("registeredBy", equalTo(n.organiser().memberId().toString()))
                .body("issuer", equalTo("https://cohesion.local/dev"));
        String partnerId = created.jsonPath().getString("id");
        n.organiser().as().body(registration).post(n.path("/partners")).then().statusCode(409);
        JsonNode registered = awaitEvent(n.id(), MembersEvents.PARTNER_REGISTERED);
        assertThat(registered.path("clientId").asText(), equalTo(client));
        assertThat(registered.path("scopes").toString(), equalTo("[\"health:read\"]"));

        String token = LocalStack.get().tokens(client).client(client).sign();
        Fixtures.as(token).get(n.path("/members")).then().statusCode(403);
        Fixtures.as(token).get(n.path("")).then().statusCode(200);
        Fixtures.as(token).get(Fixtures.BASE).then().statusCode(200).body("items.id", equalTo(List.of(n.id().toString())));

        String etag = n.organiser().as().get(n.path("/partners/" + partnerId)).then().statusCode(200).extract().header("ETag");
        n.organiser().as().header("If-Match", etag).body(Map.of("name", "Ethics Forum", "scopes", List.of("directory:read")))
                .put(n.path("/partners/" + partnerId)).then().statusCode(200).body("scopes", equalTo(List.of("directory:read")));
        Fixtures.as(token).get(n.path("/members")).then().statusCode(200);
        // its secret lives at the identity provider, where the client was made: nothing to rotate here
        Fixtures.as(token).post(n.path("/partners/" + partnerId + "/secret-rotation")).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("by hand"));

        n.organiser().as().post(n.path("/partners/" + partnerId + "/revocation")).then().statusCode(200)
                .body("revokedBy", equalTo(n.organiser().memberId().toString())).body("revokedAt", notNullValue());
        Fixtures.as(token).get(n.path("/members")).then().statusCode(404);
        n.organiser().as().post(n.path("/partners/" + partnerId + "/revocation")).then().statusCode(409);
        assertThat(awaitEvent(n.id(), MembersEvents.PARTNER_REVOKED).path("partnerId").asText(), equalTo(partnerId));
        n.organiser().as().get(n.path("/partners")).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].revokedAt", notNullValue());
    }

    @Test
    void a_partner_of_one_network_is_nobody_in_another() {
        TestNetwork a = Fixtures.network();
        TestNetwork b = Fixtures.network();
        String token = Fixtures.partner(a, "directory:read", "health:read");
        Fixtures.as(token).get(a.path("/members")).then().statusCode(200);
        Fixtures.as(token).get(b.path("/members")).then().statusCode(404)
                .body("type", equalTo("https://cohesion.dev/problems/not-found"));
    }
}
