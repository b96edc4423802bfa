package dev.cohesion.metrics.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.Topics;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.ContractValidation;
import dev.cohesion.stack.testing.EventStream;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class HealthIT {

    private static final LocalStack STACK = LocalStack.get();

    @TestHTTPResource("/")
    URL base;

    @Test
    void the_live_stream_delivers_the_current_health_then_each_change() throws Exception {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(100)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then()
                .statusCode(200).body("size.members", equalTo(2)));

        EventStream stream = open(n.path("/health/stream"), n.organiserToken());
        assertThat(stream.status(), equalTo(200));
        JsonNode first = stream.received().poll(15, TimeUnit.SECONDS);
        assertThat("the current health first", first, notNullValue());
        assertThat(first.path("size").path("members").asInt(), equalTo(2));

        Instant sent = Instant.now();
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", Instant.now(), "live-1");
        // a recomputation already under way (the member's profile arrives on its own topic) may come first
        JsonNode next = stream.received().poll(15, TimeUnit.SECONDS);
        while (next != null && next.path("trends").path("participationRecent4Weeks").asDouble() == 0.0) {
            next = stream.received().poll(15, TimeUnit.SECONDS);
        }
        assertThat("a change with the activity counted", next, notNullValue());
        assertThat(next.path("trends").path("participationRecent4Weeks").asDouble(), equalTo(5.0));
        System.out.printf("live health: the change reached the stream %d ms after the activity was sent%n",
                Duration.between(sent, Instant.now()).toMillis());
        stream.close();
    }

    @Test
    void a_caller_holds_at_most_five_streams_and_a_stream_ends_when_its_token_expires() throws Exception {
        TestNetwork n = Fixtures.network();
        String token = n.organiserToken();
        List<EventStream> open = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(open(n.path("/health/stream"), token));
            assertThat(open.get(i).status(), equalTo(200));
        }
        Fixtures.as(token).accept("text/event-stream").get(n.path("/health/stream")).then()
                .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("https://cohesion.dev/problems/rate-limited"));
        open.forEach(EventStream::close);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            EventStream again = open(n.path("/health/stream"), token);
            again.close();
            assertThat("a closed stream frees its place", again.status(), equalTo(200));
        });

        String shortLived = STACK.tokens("user-" + n.organiserId()).lifetime(Duration.ofSeconds(3)).sign();
        EventStream brief = open(n.path("/health/stream"), shortLived);
        assertThat(brief.status(), equalTo(200));
        brief.ended().get(30, TimeUnit.SECONDS);
    }

    /** A live stream through the contract proxy, which checks it against the contract. */
    private EventStream open(String path, String token) throws Exception {
        return EventStream.open(ContractValidation.request(URI.create(base.toString().replaceAll("/$", "") + path)), token);
    }

    @Test
    void health_shows_every_part_and_a_norm_breached_three_times_in_30_days_is_suggested_for_review() {
        TestNetwork n = Fixtures.network();
        UUID subject = Fixtures.member(n, "Subject", "Org B", Instant.now().minus(Duration.ofDays(200)));
        UUID norm = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Fixtures.publish(NormsEvents.BREACH_REPORTED, n.id(), new BreachReported(n.id(), UUID.randomUUID(), norm, "N-03", 1,
                    subject, Instant.now().minus(i, ChronoUnit.DAYS)));
        }
        Fixtures.produceActivity(n, subject, "POSTED", Instant.now().minus(1, ChronoUnit.MINUTES), "h-1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then().statusCode(200)
                .body("conduct.breachesPer100ActiveMembersPer30Days", equalTo(150.0f))
                .body("recommendations.kind", hasItem("REVIEW_NORM"))
                .body("recommendations.kind", hasItem("STATE_A_PURPOSE"))
                .body("score", greaterThan(0))
                .body("size.byStatus.ACTIVE", equalTo(2)));
        List<JsonNode> suggested = Fixtures.events(Topics.METRICS, n.id(), MetricsEvents.NORM_REVIEW_SUGGESTED, 1);
        assertThat(suggested.get(0).path("normCode").asText(), equalTo("N-03"));
        assertThat(suggested.get(0).path("reason").asText(), equalTo("BREACHED_OFTEN"));
        assertThat(suggested.get(0).path("breachesLast30Days").asInt(), equalTo(3));
        assertThat(Fixtures.events(Topics.METRICS, n.id(), MetricsEvents.NETWORK_HEALTH_CHANGED, 1).size(), greaterThan(0));
        n.asOrganiser().queryParam("weeks", 12).get(n.path("/health/series")).then().statusCode(200)
                .body("size()", equalTo(12)).body("[11].score", notNullValue()).body("[11].participation", equalTo(1.0f));
    }
}
