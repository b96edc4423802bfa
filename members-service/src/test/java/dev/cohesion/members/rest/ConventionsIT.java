package dev.cohesion.members.rest;

import dev.cohesion.members.Fixtures;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
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
    void a_client_over_its_rate_gets_429_with_retry_after_and_others_are_not_slowed() {
        Fixtures.TestNetwork n = Fixtures.network();
        String hasty = LocalStack.get().tokens("hasty-" + UUID.randomUUID()).member(n.id(), UUID.randomUUID()).sign();
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 260 && retryAfter == null; i++) {
            var response = Fixtures.as(hasty).get(n.path(""));
            statuses.add(response.statusCode());
            if (i == 0) {
                response.then().statusCode(200).header("RateLimit-Limit", equalTo("50")).header("RateLimit-Remaining", equalTo("99"));
            }
            if (response.statusCode() == 429) {
                retryAfter = response.header("Retry-After");
                response.then().contentType(PROBLEM).body("type", equalTo("https://cohesion.dev/problems/rate-limited"))
                        .header("RateLimit-Remaining", equalTo("0")).header("RateLimit-Reset", equalTo(retryAfter));
            }
        }
        assertThat("429 reached", retryAfter, notNullValue());
        assertThat(Integer.parseInt(retryAfter), greaterThan(0));
        n.organiser().as().get(n.path("")).then().statusCode(200);
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
                    RestAssured.get("/q/health/ready").then().statusCode(503));
        } finally {
            stack.adminQuery("members", "alter role members connection limit -1");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> n.organiser().as().get(n.path("")).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
    }
}
