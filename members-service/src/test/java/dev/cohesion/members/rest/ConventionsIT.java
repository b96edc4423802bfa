package dev.cohesion.members.rest;

import dev.cohesion.kit.api.limits.LimitClock;
import dev.cohesion.members.Fixtures;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.Management;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The API conventions every service shares, seen through members-service. */
@QuarkusTest
class ConventionsIT {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void a_missing_or_forged_token_is_a_401_with_a_bearer_challenge() {
        RestAssured.get(Fixtures.BASE).then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://cohesion.dev/problems/unauthenticated"));
        String forged = LocalStack.get().tokens("x").admin().sign();
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        Fixtures.as(tampered).get(Fixtures.BASE).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void a_token_for_another_audience_or_from_another_issuer_is_refused() {
        Fixtures.TestNetwork n = Fixtures.network();
        String subject = n.organiser().subject();
        Fixtures.as(LocalStack.get().tokens(subject).sign()).get(n.path("")).then().statusCode(200);
        Fixtures.as(LocalStack.get().tokens(subject).audience("other-app").sign()).get(n.path("")).then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        Fixtures.as(LocalStack.get().tokens(subject).issuer("https://idp.other.example").sign()).get(n.path("")).then()
                .statusCode(401).contentType(PROBLEM);
    }

    @Test
    void framework_errors_are_problems_too() {
        Fixtures.TestNetwork n = Fixtures.network();
        n.organiser().as().delete(n.path("")).then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("https://cohesion.dev/problems/method-not-allowed"));
        n.organiser().as().get(n.path("/nowhere")).then().statusCode(404).contentType(PROBLEM);
        n.organiser().as().contentType("text/plain").body("hello").post(n.path("/purposes")).then().statusCode(415).contentType(PROBLEM);
        n.organiser().as().body("{\"statement\": ").post(n.path("/purposes")).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://cohesion.dev/problems/malformed-request"));
        n.organiser().as().body(Map.of("displayName", "X", "constituency", "ASTRONAUT")).post(n.path("/invitations"))
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("constituency"))
                .body("errors[0].message", equalTo("must be one of ACADEMIC, PRACTITIONER, POLICY, OTHER"))
                .body("detail", not(containsString("dev.cohesion"))).body("detail", not(containsString("Exception")));
        n.organiser().as().queryParam("limit", 500).get(n.path("/members")).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        n.organiser().as().queryParam("cursor", "!!!").get(n.path("/members")).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        n.organiser().as().body("{\"statement\":\"" + "x".repeat(1_100_000) + "\"}").post(n.path("/purposes"))
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void what_the_framework_would_refuse_bare_or_not_at_all_is_a_problem_naming_the_field() throws Exception {
        Fixtures.TestNetwork n = Fixtures.network();
        String purpose = n.organiser().as().body(Map.of("statement", "A purpose")).post(n.path("/purposes")).then().statusCode(201)
                .extract().path("id");
        n.organiser().as().delete(n.path("/purposes/" + purpose)).then().statusCode(405).contentType(PROBLEM)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PUT"));
        n.organiser().as().queryParam("limit", "abc").get(n.path("/members")).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit")).body("errors[0].message", equalTo("must be a whole number"));
        n.organiser().as().queryParam("status", "SLEEPING").get(n.path("/members")).then().statusCode(400)
                .body("errors[0].field", equalTo("status")).body("errors[0].message", containsString("must be one of"));
        n.organiser().as().queryParam("organisation", "a\u0000b").get(n.path("/members")).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("organisation"));
        n.organiser().as().body(Map.of("statement", "a\u0000b")).post(n.path("/purposes")).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("statement"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        n.organiser().as().body(Map.of("statement", 12345)).post(n.path("/purposes")).then().statusCode(400)
                .body("errors[0].field", equalTo("statement"));
        n.organiser().as().body(Map.of("statement", "ok", "colour", "red")).post(n.path("/purposes")).then().statusCode(400)
                .body("errors[0].field", equalTo("colour")).body("errors[0].message", equalTo("is not a known field"));
        n.organiser().as().queryParam("organisation", "x".repeat(5000)).get(n.path("/members")).then().statusCode(414)
                .contentType(PROBLEM).body("type", equalTo("https://cohesion.dev/problems/uri-too-long"));
        n.organiser().as().header("X-Padding", "x".repeat(20_000)).get(n.path("/members")).then().statusCode(431)
                .contentType(PROBLEM).body("type", equalTo("https://cohesion.dev/problems/headers-too-large"));
        RestAssured.given().header("Origin", "https://evil.example").get(Fixtures.BASE).then().statusCode(403)
                .contentType(PROBLEM).body("type", equalTo("https://cohesion.dev/problems/forbidden"));

        // a chunked body (no Content-Length) that grows past the limit
        java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + RestAssured.port + n.path("/purposes")))
                .header("Authorization", "Bearer " + n.organiser().token()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream("{\"statement\":\"".getBytes()),
                        new java.io.ByteArrayInputStream("x".repeat(2_000_000).getBytes())))).build();
        var answer = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(chunked, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode(), equalTo(413));
        assertThat(answer.headers().firstValue("Content-Type").orElse(""), equalTo(PROBLEM));
        assertThat(answer.body(), containsString("payload-too-large"));
    }

    @Test
    void a_client_over_its_rate_gets_429_with_retry_after_and_others_are_not_slowed() {
        Fixtures.TestNetwork n = Fixtures.network();
        String hasty = Fixtures.join(n, "Hasty").token();
        // With the limits' clock stopped nothing refills: the 101st request of a burst of 100 is refused however
        // fast or slow this machine is.
        QuarkusMock.installMockForType(new LimitClock(Clock.fixed(Instant.now(), ZoneOffset.UTC)), LimitClock.class);
        for (int i = 0; i < 100; i++) {
            Fixtures.as(hasty).get(n.path("")).then().statusCode(200).header("RateLimit-Limit", equalTo("50"))
                    .header("RateLimit-Remaining", equalTo(Integer.toString(99 - i)));
        }
        Fixtures.as(hasty).get(n.path("")).then().statusCode(429).contentType(PROBLEM)
                .body("type", equalTo("https://cohesion.dev/problems/rate-limited"))
                .header("Retry-After", equalTo("1")).header("RateLimit-Remaining", equalTo("0")).header("RateLimit-Reset", equalTo("1"));
        n.organiser().as().get(n.path("")).then().statusCode(200);
    }

    @Test
    void a_new_fake_token_on_every_call_counts_against_the_client_address() {
        QuarkusMock.installMockForType(new LimitClock(Clock.fixed(Instant.now(), ZoneOffset.UTC)), LimitClock.class);
        boolean refused = false;
        // the address's burst is 100: within 101 calls one is refused, even if other tests used some of it
        for (int i = 0; i < 101 && !refused; i++) {
            var response = Fixtures.as("fake." + UUID.randomUUID() + ".token").get(Fixtures.BASE);
            refused = response.statusCode() == 429;
            response.then().statusCode(refused ? 429 : 401).contentType(PROBLEM);
        }
        assertThat("calls with ever new fake tokens were refused", refused, equalTo(true));
    }

    @Test
    void cors_answers_only_configured_origins() {
        RestAssured.given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options(Fixtures.BASE).then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        RestAssured.given().header("Origin", "https://app.cohesion.test").header("Access-Control-Request-Method", "GET")
                .options(Fixtures.BASE).then().header("Access-Control-Allow-Origin", equalTo("https://app.cohesion.test"));
    }

    @Test
    void while_the_database_is_away_requests_get_503_and_readiness_goes_down_then_both_recover() {
        Fixtures.TestNetwork n = Fixtures.network();
        LocalStack stack = LocalStack.get();
        stack.adminQuery("members", "alter role members connection limit 0");
        try {
            stack.adminQuery("members", "select pg_terminate_backend(pid) from pg_stat_activity where usename = 'members'");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> n.organiser().as().get(n.path("")).then()
                    .statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                    .body("type", equalTo("https://cohesion.dev/problems/service-unavailable")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    Management.given().get("/q/health/ready").then().statusCode(503));
        } finally {
            stack.adminQuery("members", "alter role members connection limit -1");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> n.organiser().as().get(n.path("")).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));
    }
}
