package dev.cohesion.metrics.rest;

import dev.cohesion.metrics.Fixtures;
import dev.cohesion.stack.testing.AccessMatrixContract;
import dev.cohesion.stack.testing.NetworkCallers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessMatrixIT extends AccessMatrixContract {

    @Override
    protected NetworkCallers callers() {
        return Fixtures.callers();
    }
}
