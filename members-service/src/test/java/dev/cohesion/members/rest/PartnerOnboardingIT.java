package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.keycloak.KeycloakClient;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Onboarding against the real Keycloak (docs/partners.md, "Onboarding"): registering a partner without a client id
 * creates its client in the realm, whose credentials work at Keycloak's token endpoint and are shown once; the
 * secret rotates; revocation disables the client; the sweep deletes a client that no registration names. In tests
 * the sweep runs every second and counts clients as orphans after an hour (application.properties).
 */
@QuarkusTest
class PartnerOnboardingIT {

    private final KeycloakClient admin = LocalStack.get().keycloak().client();

    @Test
    void a_registration_creates_the_client_whose_secret_is_shown_once_rotates_and_is_disabled_at_revocation() {
        TestNetwork n = Fixtures.network();
        Response created = n.organiser().as().body(Map.of("name", "Civic Data Lab", "scopes", List.of("health:read")))
                .post(n.path("/partners"));
        created.then().statusCode(201).header("Cache-Control", "no-store").body("clientProvisioned", equalTo(true))
                .body("clientId", startsWith("cohesion-partner-")).body("credentials.clientId", equalTo(created.path("clientId")))
                .body("credentials.tokenUrl", equalTo("https://cohesion.local/dev/protocol/openid-connect/token"));
        String partnerId = created.path("id");
        String clientId = created.path("clientId");
        String secret = created.path("credentials.clientSecret");
        assertThat(clientId, equalTo("cohesion-partner-" + partnerId));
        JsonNode registered = awaitEvent(n.id(), MembersEvents.PARTNER_REGISTERED);
        assertThat(registered.path("clientId").asText(), equalTo(clientId));
        assertThat(registered.toString(), not(containsString(secret)));

        // the client at Keycloak: client credentials only, the audience the services require, and the secret works
        JsonNode client = admin.client(clientId).orElseThrow();
        assertThat(client.path("serviceAccountsEnabled").asBoolean(), equalTo(true));
        assertThat(client.path("standardFlowEnabled").asBoolean(), equalTo(false));
        assertThat(client.path("directAccessGrantsEnabled").asBoolean(), equalTo(false));
        assertThat(client.path("publicClient").asBoolean(), equalTo(false));
        assertThat(client.path("attributes").path("cohesion.partner").asText(), equalTo(partnerId));
        assertThat(client.path("protocolMappers").toString(), containsString("\"included.custom.audience\":\"cohesion-api\""));
        String token = admin.clientCredentialsToken(clientId, secret);
        assertThat(token.split("\\.").length, equalTo(3));
        String read = n.organiser().as().get(n.path("/partners/" + partnerId)).then().statusCode(200).extract().asString();
        assertThat(read, not(containsString(secret)));
        assertThat(read, not(containsString("credentials")));

        // the partner itself rotates (here with a development token naming the same client): the old secret stops at once
        String asPartner = LocalStack.get().tokens(clientId).client(clientId).sign();
        Response rotated = Fixtures.as(asPartner).post(n.path("/partners/" + partnerId + "/secret-rotation"));
        rotated.then().statusCode(200).header("Cache-Control", "no-store").body("credentials.clientId", equalTo(clientId));
        String newSecret = rotated.path("credentials.clientSecret");
        assertThat(newSecret, not(equalTo(secret)));
        assertThrows(IllegalStateException.class, () -> admin.clientCredentialsToken(clientId, secret));
        admin.clientCredentialsToken(clientId, newSecret);
        // another partner of the network learns nothing of it; a member may not rotate it
        String other = "partner-" + UUID.randomUUID();
        n.organiser().as().body(Map.of("name", "Other", "clientId", other, "scopes", List.of("health:read"))).post(n.path("/partners"))
                .then().statusCode(201);
        Fixtures.as(LocalStack.get().tokens(other).client(other).sign()).post(n.path("/partners/" + partnerId + "/secret-rotation"))
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        Fixtures.join(n, "Mo").as().post(n.path("/partners/" + partnerId + "/secret-rotation")).then().statusCode(403);

        // revoked: disabled at Keycloak, which refuses it a token; nothing to rotate any more
        n.organiser().as().post(n.path("/partners/" + partnerId + "/revocation")).then().statusCode(200)
                .body("revokedAt", notNullValue()).body("clientDisabledAt", notNullValue());
        assertThat(admin.client(clientId).orElseThrow().path("enabled").asBoolean(), equalTo(false));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> admin.clientCredentialsToken(clientId, newSecret));
        assertThat(refused.getMessage(), containsString("client"));
        n.organiser().as().post(n.path("/partners/" + partnerId + "/secret-rotation")).then().statusCode(409)
                .body("detail", containsString("revoked"));
    }

    @Test
    void the_sweep_deletes_a_created_client_that_no_registration_names_and_leaves_the_others() {
        // as a registration that crashed between Keycloak and the database would leave it, two hours ago
        String orphan = "cohesion-partner-" + UUID.randomUUID();
        admin.createClient(Map.of("clientId", orphan, "enabled", true, "publicClient", false, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "attributes", Map.of("cohesion.partner", orphan.substring("cohesion-partner-".length()),
                        "cohesion.created-at", java.time.Instant.now().minus(Duration.ofHours(2)).toString())));
        // a client made by hand, whatever its name, is never the sweep's
        String handMade = "partner-" + UUID.randomUUID();
        admin.createClient(Map.of("clientId", handMade, "enabled", true, "publicClient", false, "serviceAccountsEnabled", true));
        TestNetwork n = Fixtures.network();
        String registered = n.organiser().as().body(Map.of("name", "Kept", "scopes", List.of("health:read"))).post(n.path("/partners"))
                .then().statusCode(201).extract().path("clientId");

        await().atMost(Duration.ofSeconds(30)).until(() -> admin.client(orphan).isEmpty());
        assertTrue(admin.client(handMade).isPresent(), "a client made by hand stays");
        assertTrue(admin.client(registered).isPresent(), "a registered partner's client stays");
    }
}
