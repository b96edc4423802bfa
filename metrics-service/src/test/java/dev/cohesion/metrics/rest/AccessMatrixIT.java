package dev.cohesion.metrics.rest;

import dev.cohesion.stack.testing.AccessMatrixContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessMatrixIT extends AccessMatrixContract {
}
