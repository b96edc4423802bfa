package dev.cohesion.metrics.rest;

import dev.cohesion.metrics.Fixtures;
import dev.cohesion.stack.testing.BadRequestCorpusContract;
import dev.cohesion.stack.testing.NetworkCallers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadRequestCorpusIT extends BadRequestCorpusContract {

    @Override
    protected NetworkCallers callers() {
        return Fixtures.callers();
    }
}
