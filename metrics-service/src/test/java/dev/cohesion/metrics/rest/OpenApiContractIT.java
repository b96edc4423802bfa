package dev.cohesion.metrics.rest;

import dev.cohesion.stack.testing.OpenApiSnapshotContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiContractIT extends OpenApiSnapshotContract {
    @Override
    protected String service() {
        return "metrics-service";
    }
}
