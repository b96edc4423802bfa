package dev.cohesion.norms.rest;

import dev.cohesion.stack.testing.DeadLetterReplayContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadLetterReplayIT extends DeadLetterReplayContract {

    @Override
    protected String consumedTopic() {
        return "cohesion.members.v1";
    }

    @Override
    protected String service() {
        return "norms-service";
    }
}
