package dev.cohesion.e2e;

import dev.cohesion.stack.auth.Tokens;
import dev.cohesion.stack.keycloak.KeycloakClient;
import dev.cohesion.stack.keycloak.LocalKeycloak;
import dev.cohesion.stack.keycloak.RealmSecrets;
import dev.cohesion.stack.process.CohesionService;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The three services trusting a real Keycloak (started from the Maven artifact, the realm of the repo): tokens come
 * from real OAuth flows (password grant, the browser's authorization code with PKCE, client credentials), the
 * services verify them through the realm's key set and audience, and decide access from Cohesion's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcE2EIT {

    private static final List<CohesionService> ALL = List.of(MEMBERS, NORMS, METRICS);

    private final RunningSystem system = RunningSystem.get();
    private LocalKeycloak keycloak;
    private KeycloakClient oauth;
    private RealmSecrets secrets;
    private UUID networkA;
    private UUID networkB;
    private UUID maria;
    private UUID peter;

    @BeforeAll
    void trustKeycloak() {
        keycloak = system.keycloak();
        oauth = keycloak.client();
        secrets = keycloak.secrets();
        system.restartWithKeycloak();
    }

    @AfterAll
    void backToDevelopmentTokens() {
        system.restartWithDevelopmentTokens();
    }

    private String user(String name) {
        return oauth.passwordToken(name, secrets.password(name));
    }

    /** Olga signs in as a browser front-end would: authorization code with PKCE on the public web client. */
    private String olga() {
        return oauth.authorizationCodeWithPkce("olga", secrets.password("olga"), "http://localhost:5173/callback");
    }

    private String partner(String clientId) {
        return oauth.clientCredentialsToken(clientId, secrets.clientSecret(clientId));
    }

    private String path(UUID network, String suffix) {
        return "/api/v1/networks/" + network + suffix;
    }

    /** An operation of each service that members and partners of the network may call. */
    private Map<CohesionService, String> readable(UUID network) {
        return Map.of(MEMBERS, path(network, "/members?limit=5"), NORMS, path(network, "/norm-book"), METRICS, path(network, "/health"));
    }

    @Test
    @Order(1)
    void organiser_member_partner_and_admin_work_in_all_three_services() {
        // the platform administrator (the realm role platform-admin) creates two networks
        String admin = user("admin");
        networkA = createNetwork(admin, "olga", "Olga Organiser", "olga@example.org");
        networkB = createNetwork(admin, "omar", "Omar Organiser", "omar@example.org");
        system.as(MEMBERS, admin).get("/api/v1/networks?limit=200").then().statusCode(200)
                .body("items.id", hasItems(networkA.toString(), networkB.toString()));

        // Maria applies and Olga approves; Peter accepts the invitation sent to his verified address
        String olga = olga();
        Map<String, Object> mariaProfile = new java.util.HashMap<>(profile("Maria Member", "maria@example.org"));
        mariaProfile.put("sharedWithPartners", List.of("DISPLAY_NAME"));
        maria = UUID.fromString(system.as(MEMBERS, user("maria")).body(Map.of("profile", mariaProfile))
                .post(path(networkA, "/applications")).then().statusCode(201).body("status", equalTo("APPLIED")).extract().path("id"));
        system.as(MEMBERS, olga).post(path(networkA, "/members/" + maria + "/approval")).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        peter = UUID.fromString(system.as(MEMBERS, olga).body(profile("Peter Member", "peter@example.org"))
                .post(path(networkA, "/invitations")).then().statusCode(201).extract().path("id"));
        system.as(MEMBERS, user("peter")).post(path(networkA, "/invitations/" + peter + "/acceptance")).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("email", equalTo("peter@example.org"));
        system.as(MEMBERS, user("maria")).get(path(networkA, "/members?limit=50")).then().statusCode(200)
                .body("items.displayName", hasItems("Olga Organiser", "Maria Member", "Peter Member"));

        // norms-service: Olga's norm book, acknowledged by Maria once her membership has reached norms-service
        await().atMost(Duration.ofSeconds(30)).until(() -> system.as(NORMS, olga).get(path(networkA, "/norms-settings")).statusCode() == 200);
        String norm = system.as(NORMS, olga).body(Map.of("code", "N-01", "title", "Credit others", "text", "Name your sources.",
                "category", "integrity", "severity", "MEDIUM")).post(path(networkA, "/norms")).then().statusCode(201).extract().path("id");
        system.as(NORMS, olga).post(path(networkA, "/norms/" + norm + "/activation")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> system.as(NORMS, user("maria")).body(Map.of("version", 1))
                .post(path(networkA, "/norm-book/acknowledgements")).statusCode() == 200);

        // the partner registry: Olga registers the Ethics Forum's client; it signs in with client credentials
        system.as(MEMBERS, olga).body(Map.of("name", "Ethics Forum events app", "clientId", "partner-ethics-forum",
                        "scopes", List.of("directory:read", "health:read", "activities:write")))
                .post(path(networkA, "/partners")).then().statusCode(201)
                .body("issuer", equalTo(keycloak.issuer())).body("clientId", equalTo("partner-ethics-forum"));
        String forum = partner("partner-ethics-forum");
        // the partner sees what members consented to share with partners: Maria her name, Peter nothing
        system.as(MEMBERS, forum).get(path(networkA, "/members?limit=50")).then().statusCode(200)
                .body("items.displayName", hasItem("Maria Member")).body("items.email", not(hasItem("maria@example.org")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> system.as(NORMS, forum).get(path(networkA, "/norm-book"))
                .then().statusCode(200).body("version", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.as(METRICS, forum).get(path(networkA, "/health")).statusCode() == 200);
        system.as(METRICS, forum).body(Map.of("source", "ethics-forum", "activities", List.of(Map.of("memberId", maria.toString(),
                        "type", "ATTENDED_EVENT", "occurredAt", Instant.now().toString(), "idempotencyKey", "oidc-" + maria))))
                .post(path(networkA, "/activities")).then().statusCode(202).body("accepted", equalTo(1));

        // metrics-service: Olga reads the network's health, Maria her own engagement once the activity is counted
        system.as(METRICS, olga).get(path(networkA, "/health")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> system.as(METRICS, user("maria"))
                .get(path(networkA, "/members/" + maria + "/engagement")).then().statusCode(200)
                .body("active", equalTo(true)).body("lastActivityAt", not(equalTo(null))));
    }

    @Test
    @Order(2)
    void a_removed_member_is_refused_by_every_service_on_the_next_call_after_the_event() {
        String peterToken = user("peter");
        Map<CohesionService, String> memberCall = Map.of(MEMBERS, path(networkA, "/members?limit=5"), NORMS, path(networkA, "/norm-book"),
                METRICS, path(networkA, "/members/" + peter + "/engagement"));
        for (CohesionService s : ALL) {
            await().atMost(Duration.ofSeconds(30)).until(() -> system.as(s, peterToken).get(memberCall.get(s)).statusCode() == 200);
        }
        system.as(MEMBERS, olga()).body(Map.of("reason", "Left the field")).post(path(networkA, "/members/" + peter + "/removal"))
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        long removed = System.nanoTime();
        // members-service holds the record: the very next call is refused
        refused(system.as(MEMBERS, peterToken).get(memberCall.get(MEMBERS)));
        Map<CohesionService, Long> latency = new EnumMap<>(CohesionService.class);
        for (CohesionService s : List.of(NORMS, METRICS)) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> system.as(s, peterToken).get(memberCall.get(s)).statusCode() != 200);
            latency.put(s, (System.nanoTime() - removed) / 1_000_000);
            refused(system.as(s, peterToken).get(memberCall.get(s)));
        }
        System.out.printf("removal → refused (ms after the removal was answered): norms-service %d, metrics-service %d%n",
                latency.get(NORMS), latency.get(METRICS));
        latency.forEach((s, ms) -> assertThat(s + " refused the removed member soon after the event", ms, lessThan(5000L)));
    }

    @Test
    @Order(3)
    void a_token_minted_for_another_application_is_refused() {
        String otherApp = partner("other-app"); // same realm, same issuer and keys, no cohesion-api audience
        for (CohesionService s : ALL) {
            unauthorized(system.as(s, otherApp).get(readable(networkA).get(s)));
        }
    }

    @Test
    @Order(4)
    void a_token_of_another_issuer_is_refused() {
        String subject = oauth.userId("olga").orElseThrow();
        String development = system.stack().tokens(subject).sign();
        String forged = Tokens.forSubject(system.stack().keys(), subject).issuer(keycloak.issuer()).sign();
        for (CohesionService s : ALL) {
            unauthorized(system.as(s, development).get(readable(networkA).get(s)));
            unauthorized(system.as(s, forged).get(readable(networkA).get(s)));
        }
    }

    @Test
    @Order(5)
    void a_partner_sees_only_the_networks_it_is_registered_for_and_a_revocation_takes_effect_on_its_next_call() {
        String forum = partner("partner-ethics-forum");
        for (CohesionService s : ALL) {
            notFound(system.as(s, forum).get(readable(networkB).get(s)));
            notFound(system.as(s, partner("partner-other")).get(readable(networkA).get(s)));
        }
        String olga = olga();
        String partnerId = system.as(MEMBERS, olga).get(path(networkA, "/partners")).then().statusCode(200)
                .extract().path("items.find { it.clientId == 'partner-ethics-forum' }.id");
        system.as(MEMBERS, olga).post(path(networkA, "/partners/" + partnerId + "/revocation")).then().statusCode(200)
                .body("revokedAt", not(equalTo(null)));
        notFound(system.as(MEMBERS, forum).get(path(networkA, "/members?limit=5")));
        await().atMost(Duration.ofSeconds(10)).until(() -> system.as(METRICS, forum).get(path(networkA, "/health")).statusCode() == 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> system.as(NORMS, forum).get(path(networkA, "/norm-book")).statusCode() == 404);
    }

    @Test
    @Order(6)
    void an_invitation_accepted_by_another_account_is_refused_without_showing_the_invitation() {
        String olga = olga();
        String invitation = system.as(MEMBERS, olga).body(profile("Nina Newcomer", "nina@example.org"))
                .post(path(networkA, "/invitations")).then().statusCode(201).extract().path("id");
        // Omar (not in this network): as if there were no such invitation
        Response byOmar = system.as(MEMBERS, user("omar")).post(path(networkA, "/invitations/" + invitation + "/acceptance"));
        notFound(byOmar);
        // Maria (a member already): one membership per person, whatever the invitation
        Response byMaria = system.as(MEMBERS, user("maria")).post(path(networkA, "/invitations/" + invitation + "/acceptance"));
        byMaria.then().statusCode(409).contentType(startsWith("application/problem+json"));
        for (Response refused : List.of(byOmar, byMaria)) {
            assertThat(refused.asString(), not(containsString("nina@example.org")));
            assertThat(refused.asString(), not(containsString("Nina")));
        }
        system.as(MEMBERS, olga).get(path(networkA, "/members/" + invitation)).then().body("status", equalTo("INVITED"));

        // the invitee, signed in with the address the provider verified, accepts it
        oauth.ensureUser("nina", "nina@example.org", secrets.demoPassword());
        system.as(MEMBERS, oauth.passwordToken("nina", secrets.demoPassword()))
                .post(path(networkA, "/invitations/" + invitation + "/acceptance")).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    @Order(7)
    void the_platform_administrator_rebuilds_metrics_from_the_topics() {
        system.as(METRICS, user("admin")).post("/api/v1/admin/rebuild").then().statusCode(202).body("status", equalTo("REPLAYING"));
        system.as(METRICS, olga()).post("/api/v1/admin/rebuild").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        // the grants come back with the replayed projections
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> system.as(METRICS, olga()).get(path(networkA, "/health"))
                .then().statusCode(200).body("size.byStatus.ACTIVE", equalTo(3)));
    }

    @Test
    @Order(8)
    void an_organiser_onboards_a_partner_whose_client_members_service_creates_at_keycloak() {
        String olga = olga();
        Response registration = system.as(MEMBERS, olga).body(Map.of("name", "Civic Data Lab", "scopes", List.of("health:read", "activities:write")))
                .post(path(networkA, "/partners"));
        registration.then().statusCode(201).header("Cache-Control", "no-store")
                .body("clientProvisioned", equalTo(true)).body("issuer", equalTo(keycloak.issuer()))
                .body("clientId", startsWith("cohesion-partner-"))
                .body("credentials.clientId", equalTo(registration.path("clientId")))
                .body("credentials.tokenUrl", equalTo(keycloak.issuer() + "/protocol/openid-connect/token"));
        String partnerId = registration.path("id");
        String clientId = registration.path("clientId");
        String secret = registration.path("credentials.clientSecret");
        // shown once: reading the partner again shows no secret
        String read = system.as(MEMBERS, olga).get(path(networkA, "/partners/" + partnerId)).then().statusCode(200)
                .body("clientProvisioned", equalTo(true)).extract().asString();
        assertThat(read, not(containsString(secret)));
        assertThat(read, not(containsString("credentials")));

        // the partner signs in with what it was given, and works in the network within its scopes
        String token = oauth.clientCredentialsToken(clientId, secret);
        await().atMost(Duration.ofSeconds(30)).until(() -> system.as(METRICS, token).get(path(networkA, "/health")).statusCode() == 200);
        system.as(METRICS, token).body(Map.of("source", "civic-data-lab", "activities", List.of(Map.of("memberId", maria.toString(),
                        "type", "ATTENDED_EVENT", "occurredAt", Instant.now().toString(), "idempotencyKey", "onboarded-" + maria))))
                .post(path(networkA, "/activities")).then().statusCode(202).body("accepted", equalTo(1));

        // the partner rotates its own secret: the old one is refused at Keycloak at once, the new one signs in
        Response rotated = system.as(MEMBERS, token).post(path(networkA, "/partners/" + partnerId + "/secret-rotation"));
        rotated.then().statusCode(200).header("Cache-Control", "no-store").body("credentials.clientId", equalTo(clientId));
        String newSecret = rotated.path("credentials.clientSecret");
        assertThat(newSecret, not(equalTo(secret)));
        assertThrows(IllegalStateException.class, () -> oauth.clientCredentialsToken(clientId, secret));
        String renewed = oauth.clientCredentialsToken(clientId, newSecret);
        system.as(METRICS, renewed).get(path(networkA, "/health")).then().statusCode(200);
        // another partner cannot rotate it (it learns nothing of it)
        notFound(system.as(MEMBERS, partner("partner-other")).post(path(networkA, "/partners/" + partnerId + "/secret-rotation")));

        // revoked: refused on its next call, and Keycloak no longer issues it tokens
        system.as(MEMBERS, olga).post(path(networkA, "/partners/" + partnerId + "/revocation")).then().statusCode(200)
                .body("revokedAt", not(equalTo(null))).body("clientDisabledAt", not(equalTo(null)));
        notFound(system.as(MEMBERS, renewed).post(path(networkA, "/partners/" + partnerId + "/secret-rotation")));
        await().atMost(Duration.ofSeconds(10)).until(() -> system.as(METRICS, renewed).get(path(networkA, "/health")).statusCode() == 404);
        IllegalStateException disabled = assertThrows(IllegalStateException.class, () -> oauth.clientCredentialsToken(clientId, newSecret));
        assertThat(disabled.getMessage(), anyOf(containsString("unauthorized_client"), containsString("invalid_client")));
    }

    private UUID createNetwork(String admin, String organiser, String name, String email) {
        JsonPath created = system.as(MEMBERS, admin).body(Map.of("slug", "oidc-" + UUID.randomUUID().toString().substring(0, 8),
                        "name", name + "'s network", "firstOrganiser", Map.of("userId", oauth.userId(organiser).orElseThrow(),
                                "displayName", name, "email", email, "constituency", "ACADEMIC")))
                .post("/api/v1/networks").then().statusCode(201).extract().jsonPath();
        return UUID.fromString(created.getString("network.id"));
    }

    private static Map<String, Object> profile(String name, String email) {
        return Map.of("displayName", name, "email", email, "organisation", "Org", "constituency", "PRACTITIONER");
    }

    private static void refused(Response r) {
        r.then().statusCode(anyOf(equalTo(403), equalTo(404))).contentType(startsWith("application/problem+json"));
    }

    private static void notFound(Response r) {
        r.then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static void unauthorized(Response r) {
        r.then().statusCode(401).contentType(startsWith("application/problem+json")).header("WWW-Authenticate", startsWith("Bearer"));
    }
}
