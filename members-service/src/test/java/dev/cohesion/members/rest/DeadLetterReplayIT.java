package dev.cohesion.members.rest;

import dev.cohesion.stack.testing.DeadLetterReplayContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadLetterReplayIT extends DeadLetterReplayContract {

    @Override
    protected String consumedTopic() {
        return "cohesion.norms.v1";
    }

    @Override
    protected String service() {
        return "members-service";
    }
}
