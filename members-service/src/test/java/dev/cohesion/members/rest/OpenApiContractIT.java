package dev.cohesion.members.rest;

import dev.cohesion.stack.testing.OpenApiSnapshotContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiContractIT extends OpenApiSnapshotContract {
    @Override
    protected String service() {
        return "members-service";
    }
}
