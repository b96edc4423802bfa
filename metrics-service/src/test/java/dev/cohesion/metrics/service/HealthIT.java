package dev.cohesion.metrics.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.Topics;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.norms.BreachReported;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class HealthIT {

    @TestHTTPResource("/")
    URL base;

    @Test
    void the_live_stream_delivers_a_health_change_within_two_seconds_of_the_event() throws Exception {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(100)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/health")).then()
                .statusCode(200).body("size.members", equalTo(2)));

        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + n.path("/health/stream")))
                .header("Authorization", "Bearer " + n.organiserToken()).header("Accept", "text/event-stream").build();
        CompletableFuture<Void> reader = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.startsWith("data:")) {
                                received.add(EventJson.MAPPER.readTree(line.substring(5).trim()));
                            }
                        }
                    } catch (Exception ignored) {
                        // the test closes the stream
                    }
                });
        JsonNode first = received.poll(10, TimeUnit.SECONDS);
        assertThat("the current health first", first, notNullValue());
        assertThat(first.path("size").path("members").asInt(), equalTo(2));

        Instant sent = Instant.now();
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", Instant.now(), "live-1");
        JsonNode next = received.poll(5, TimeUnit.SECONDS);
        Duration delay = Duration.between(sent, Instant.now());
        assertThat(next, notNullValue());
        assertThat(next.path("trends").path("participationRecent4Weeks").asDouble(), equalTo(5.0));
        assertThat("within 2 seconds of the event", delay.toMillis(), lessThan(2000L));
        reader.cancel(true);
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
