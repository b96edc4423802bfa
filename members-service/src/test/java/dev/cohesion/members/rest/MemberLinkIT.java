package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.EmailMatchKey;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Partners' own identifiers for members (docs/partners.md#members-by-your-own-identifiers). */
@QuarkusTest
class MemberLinkIT {

    @Test
    void a_member_who_allows_matching_by_a_verified_address_is_linked_by_a_partner_sees_the_link_and_revokes_it() {
        TestNetwork n = Fixtures.network();
        Person ann = Fixtures.join(n, "Ann");
        String email = ann.subject() + "@example.org"; // the address on her profile (Fixtures.applicant)
        String partner = Fixtures.partner(n, "activities:write");
        String matching = n.path("/members/" + ann.memberId() + "/email-matching");

        // not before she allows it, and only with a token that vouches for the address
        Fixtures.as(partner).body(Map.of("externalId", "forum-7", "email", email)).post(n.path("/member-links")).then().statusCode(404);
        ann.as().body(Map.of("allowed", true)).put(matching).then().statusCode(409)
                .body("type", equalTo("https://cohesion.dev/problems/rule-violation"));
        String unverified = LocalStack.get().tokens(ann.subject()).unverifiedEmail(email).sign();
        Fixtures.as(unverified).body(Map.of("allowed", true)).put(matching).then().statusCode(409);
        String verified = LocalStack.get().tokens(ann.subject()).email(email.toUpperCase()).sign();
        Fixtures.as(verified).body(Map.of("allowed", true)).put(matching).then().statusCode(200)
                .body("allowed", is(true)).body("email", equalTo(email));
        n.organiser().as().body(Map.of("allowed", true)).put(matching).then().statusCode(403);
        JsonNode profile = Fixtures.awaitProfile(ann.memberId(), p -> p.has("emailMatchKey"));
        assertThat(profile.path("emailMatchKey").asText(), equalTo(EmailMatchKey.of(email)));

        // the partner links its identifier; again is the same link; a contradicting one is refused
        JsonNode link = Fixtures.json(Fixtures.as(partner).body(Map.of("externalId", "forum-7", "email", email.toUpperCase()))
                .post(n.path("/member-links")).then().statusCode(201));
        assertThat(link.path("memberId").asText(), equalTo(ann.memberId().toString()));
        assertThat(link.path("externalId").asText(), equalTo("forum-7"));
        Fixtures.as(partner).body(Map.of("externalId", "forum-7", "email", email)).post(n.path("/member-links")).then().statusCode(201)
                .body("id", equalTo(link.path("id").asText()));
        Fixtures.as(partner).body(Map.of("externalId", "forum-8", "email", email)).post(n.path("/member-links")).then().statusCode(409);
        Fixtures.as(partner).get(n.path("/member-links")).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].externalId", equalTo("forum-7"));
        profile = Fixtures.awaitProfile(ann.memberId(), p -> p.path("partnerLinks").size() == 1);
        assertThat(profile.path("partnerLinks").get(0).path("externalId").asText(), equalTo("forum-7"));

        // she sees it, another member does not, she revokes it
        Person bo = Fixtures.join(n, "Bo");
        String links = n.path("/members/" + ann.memberId() + "/links");
        ann.as().get(links).then().statusCode(200).body("items", hasSize(1)).body("items[0].partnerId", notNullValue());
        bo.as().get(links).then().statusCode(403);
        n.organiser().as().get(links).then().statusCode(200).body("items", hasSize(1));
        ann.as().post(links + "/" + link.path("id").asText() + "/revocation").then().statusCode(200).body("revokedAt", notNullValue());
        ann.as().post(links + "/" + link.path("id").asText() + "/revocation").then().statusCode(409);
        Fixtures.awaitProfile(ann.memberId(), p -> p.path("partnerLinks").size() == 0 && p.has("emailMatchKey"));
        Fixtures.as(partner).get(n.path("/member-links")).then().statusCode(200).body("items", hasSize(0));

        // a new address stops the matching until she verifies and allows it again
        String etag = ann.as().get(n.path("/members/" + ann.memberId())).then().extract().header("ETag");
        ann.as().header("If-Match", etag).body(Map.of("displayName", "Ann", "email", "new-" + email, "organisation", "Org Ann",
                "constituency", "PRACTITIONER")).put(n.path("/members/" + ann.memberId() + "/profile")).then().statusCode(200);
        Fixtures.awaitProfile(ann.memberId(), p -> !p.has("emailMatchKey") && p.path("displayName").asText().equals("Ann"));
        Fixtures.as(partner).body(Map.of("externalId", "forum-7", "email", email)).post(n.path("/member-links")).then().statusCode(404);
    }

    @Test
    void only_partners_with_activities_write_link_and_a_member_of_another_network_is_out_of_reach() {
        TestNetwork n = Fixtures.network();
        TestNetwork other = Fixtures.network();
        Person cy = Fixtures.join(other, "Cy");
        String email = cy.subject() + "@example.org";
        Fixtures.as(LocalStack.get().tokens(cy.subject()).email(email).sign()).body(Map.of("allowed", true))
                .put(other.path("/members/" + cy.memberId() + "/email-matching")).then().statusCode(200);
        String partner = Fixtures.partner(n, "activities:write");
        Fixtures.as(partner).body(Map.of("externalId", "x-1", "email", email)).post(n.path("/member-links")).then().statusCode(404);
        String reader = Fixtures.partner(n, "directory:read");
        Fixtures.as(reader).body(Map.of("externalId", "x-1", "email", email)).post(n.path("/member-links")).then().statusCode(403);
        n.organiser().as().body(Map.of("externalId", "x-1", "email", email)).post(n.path("/member-links")).then().statusCode(403);
        n.organiser().as().get(n.path("/member-links")).then().statusCode(403);
        Fixtures.as(partner).body(Map.of("externalId", "has space", "email", email)).post(n.path("/member-links")).then().statusCode(400)
                .body("errors[0].field", equalTo("externalId"));
        Fixtures.as(partner).body(Map.of("externalId", "x-1", "email", "not-an-address")).post(n.path("/member-links")).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
    }
}
