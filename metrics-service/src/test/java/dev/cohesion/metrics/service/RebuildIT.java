package dev.cohesion.metrics.service;

import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Rebuilding every projection from the topics gives the same figures as before. */
@QuarkusTest
class RebuildIT {

    @Test
    void a_rebuild_from_the_topics_reproduces_the_same_figures_and_keeps_the_networks_settings() {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(120)));
        UUID ben = Fixtures.member(n, "Ben", "Org B", Instant.now().minus(Duration.ofDays(120)));
        String etag = n.asOrganiser().get(n.path("/engagement-settings")).then().statusCode(200).extract().header("ETag");
        Map<String, Object> settings = Map.of("halfLifeDays", 14.0, "coreParticipation", 6.0,
                "weights", Map.of("CONTRIBUTED", 5.0, "HACKATHON", 4.0));
        n.asOrganiser().header("If-Match", etag).body(settings).put(n.path("/engagement-settings")).then().statusCode(200)
                .body("weights.HACKATHON", equalTo(4.0f));
        for (int i = 0; i < 10; i++) {
            Fixtures.produceActivity(n, i % 2 == 0 ? ana : ben, i < 8 ? "CONTRIBUTED" : "HACKATHON",
                    Instant.now().minus(i * 3L, ChronoUnit.DAYS), "r-" + i);
        }
        Fixtures.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(), ben,
                SanctionRung.CORRECTION, SanctionRung.CORRECTION, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Fixtures.counted(n, ana) + Fixtures.counted(n, ben), equalTo(10L));
            n.asOrganiser().get(n.path("/members/" + ben + "/engagement")).then().body("trust.penalties.size()", equalTo(1));
        });
        String anaBefore = engagement(n, ana);
        String benBefore = engagement(n, ben);

        Fixtures.as(LocalStack.get().tokens("platform-admin").admin().sign()).post("/api/v1/admin/rebuild").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(engagement(n, ana), equalTo(anaBefore));
            assertThat(engagement(n, ben), equalTo(benBefore));
        });
        n.asOrganiser().get(n.path("/engagement-settings")).then().statusCode(200).body("halfLifeDays", equalTo(14.0f))
                .body("coreParticipation", equalTo(6.0f)).body("weights", equalTo(Map.of("CONTRIBUTED", 5.0f, "HACKATHON", 4.0f)));
        n.asOrganiser().get(n.path("/members/" + ben + "/engagement")).then().body("participation.halfLifeDays", equalTo(14.0f));

        // the audit log: the organiser's change of settings (kept through the rebuild) and the administrator's rebuild
        n.asOrganiser().get(n.path("/audit-log")).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].action", equalTo("engagement-settings.updated"))
                .body("items[0].actorMemberId", equalTo(n.organiserId().toString()))
                .body("items[0].before.halfLifeDays", org.hamcrest.Matchers.not(equalTo(14.0f))).body("items[0].after.halfLifeDays", equalTo(14.0f))
                .body("items[0].after.weights.HACKATHON", equalTo(4.0f));
        Fixtures.as(LocalStack.get().tokens("platform-admin").admin().sign()).queryParam("action", "projections.rebuild-requested")
                .get("/api/v1/admin/audit-log").then().statusCode(200)
                .body("items[0].actorRole", equalTo("ADMINISTRATOR")).body("items[0].targetId", equalTo("metrics-service"))
                .body("items[0].networkId", org.hamcrest.Matchers.nullValue());
    }

    /** The engagement without the parts that move with the clock between two reads. */
    private static String engagement(TestNetwork n, UUID member) {
        var body = n.asOrganiser().get(n.path("/members/" + member + "/engagement")).then().statusCode(200).extract().jsonPath();
        return body.getString("segment") + " " + round(body.getDouble("participation.value")) + " "
                + body.getInt("regularity.activeWeeksOfLast12") + " " + round(body.getDouble("commitment.value")) + " "
                + round(body.getDouble("trust.value")) + " " + body.getString("lastActivityAt");
    }

    private static String round(double d) {
        return String.format("%.3f", d);
    }
}
