package dev.cohesion.metrics.rest;

import dev.cohesion.metrics.Fixtures;
import dev.cohesion.stack.testing.AccessMatrixContract;
import dev.cohesion.stack.testing.NetworkCallers;
import dev.cohesion.stack.testing.ServiceApi;
import io.quarkus.test.junit.QuarkusTest;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

@QuarkusTest
class AccessMatrixIT extends AccessMatrixContract {

    @Override
    protected NetworkCallers callers() {
        return Fixtures.callers();
    }

    /** The rebuild empties the projections and replays the topics: the callers' grants come back with the replay. */
    @Override
    protected void settle(ServiceApi.Operation op, NetworkCallers n) {
        if (!op.path().equals("/api/v1/admin/rebuild")) {
            return;
        }
        String base = "/api/v1/networks/" + n.networkId();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Fixtures.as(n.organiser()).get(base + "/engagement-settings").statusCode() == 200
                        && Fixtures.as(n.member()).get(base + "/me/engagement").statusCode() == 200
                        && Fixtures.as(n.partnerWithEveryScope()).get(base + "/engagement-settings").statusCode() == 200
                        && Fixtures.as(n.personOnRecord()).get(base + "/engagement-settings").statusCode() == 403);
    }
}
