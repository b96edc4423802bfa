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
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Rebuilding every projection from the topics gives the same figures as before. */
@QuarkusTest
class RebuildIT {

    @Test
    void a_rebuild_from_the_topics_reproduces_the_same_figures() {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(120)));
        UUID ben = Fixtures.member(n, "Ben", "Org B", Instant.now().minus(Duration.ofDays(120)));
        for (int i = 0; i < 10; i++) {
            Fixtures.produceActivity(n, i % 2 == 0 ? ana : ben, "CONTRIBUTED", Instant.now().minus(i * 3L, ChronoUnit.DAYS), "r-" + i);
        }
        Fixtures.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(), ben,
                SanctionRung.CORRECTION, SanctionRung.CORRECTION, Instant.now(), null));
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
