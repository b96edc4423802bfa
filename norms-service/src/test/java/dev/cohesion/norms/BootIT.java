package dev.cohesion.norms;

import dev.cohesion.stack.testing.ServiceBootContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BootIT extends ServiceBootContract {

    @Override
    protected String database() {
        return "norms";
    }
}
