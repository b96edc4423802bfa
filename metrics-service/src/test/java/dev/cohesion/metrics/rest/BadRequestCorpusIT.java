package dev.cohesion.metrics.rest;

import dev.cohesion.stack.testing.BadRequestCorpusContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadRequestCorpusIT extends BadRequestCorpusContract {
}
