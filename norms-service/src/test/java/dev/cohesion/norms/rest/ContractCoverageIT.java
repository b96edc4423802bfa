package dev.cohesion.norms.rest;

import dev.cohesion.stack.testing.ContractCoverageContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;

@QuarkusTest
@Order(Integer.MAX_VALUE)
class ContractCoverageIT extends ContractCoverageContract {
}
