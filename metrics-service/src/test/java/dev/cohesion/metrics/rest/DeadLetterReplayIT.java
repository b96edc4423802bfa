package dev.cohesion.metrics.rest;

import dev.cohesion.stack.testing.DeadLetterReplayContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadLetterReplayIT extends DeadLetterReplayContract {

    @Override
    protected String consumedTopic() {
        return "cohesion.activities.v1";
    }

    @Override
    protected String service() {
        return "metrics-service";
    }
}
