package dev.cohesion.norms.rest;

import dev.cohesion.stack.testing.AccessMatrixContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessMatrixIT extends AccessMatrixContract {
}
