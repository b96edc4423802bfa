package dev.cohesion.norms.service;

import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FiguresIT {

    @Test
    void each_norm_shows_its_reports_upheld_share_appeals_and_the_books_acknowledgement_coverage() {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Subject");
        Person reader = Fixtures.member(n, "Reader");
        String busy = Fixtures.activeNorm(n, "N-01", "LOW");
        Fixtures.activeNorm(n, "N-02", "LOW");
        String c1 = Fixtures.upheldCase(n, busy, subject);
        Fixtures.upheldCase(n, busy, subject);
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + c1 + "/sanction"))
                .then().statusCode(201).extract().path("id");
        String appeal = subject.as().body(Map.of("text", "No")).post(n.path("/sanctions/" + sanction + "/appeal")).then()
                .statusCode(201).extract().path("id");
        n.organiser().as().body(Map.of("outcome", "UPHELD", "reason", "ok")).post(n.path("/appeals/" + appeal + "/decision"))
                .then().statusCode(200);
        reader.as().body(Map.of("version", 2)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);

        n.organiser().as().get(n.path("/norms-figures")).then().statusCode(200)
                .body("[0].code", equalTo("N-01")).body("[0].reports", equalTo(2)).body("[0].upheld", equalTo(2))
                .body("[0].upheldShare", equalTo(1.0f)).body("[0].appealsDecided", equalTo(1)).body("[0].appealsUpheld", equalTo(1))
                .body("[0].overturnShare", equalTo(1.0f)).body("[0].acknowledgementCoverage", equalTo(0.25f))
                .body("[1].code", equalTo("N-02")).body("[1].reports", equalTo(0)).body("[1].upheldShare", nullValue());
    }
}
