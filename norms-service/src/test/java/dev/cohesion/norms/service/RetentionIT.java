package dev.cohesion.norms.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.NetworkUpdated;
import dev.cohesion.kit.support.SafeContext;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.norms.repository.PersonalText;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Retention by age (docs/privacy.md): the free text of a case decided longer ago than its network keeps it is
 * replaced, with its notes, its sanction's reasoning and its decided appeal; the facts stay; an open case, a case
 * under appeal and a network that keeps text longer are untouched. The run is given its time.
 */
@QuarkusTest
class RetentionIT {

    @Inject
    PersonalText personalText;
    @Inject
    Vertx vertx;

    @Test
    void decided_cases_lose_their_text_when_the_networks_retention_has_passed() {
        TestNetwork n = Fixtures.network();
        Person sam = Fixtures.member(n, "Sam");
        Person rita = Fixtures.member(n, "Rita");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String upheld = Fixtures.upheldCase(n, norm, sam);
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + upheld + "/sanction"))
                .then().statusCode(201).extract().path("id");
        String appealed = Fixtures.upheldCase(n, norm, rita);
        String appealedSanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION"))
                .post(n.path("/cases/" + appealed + "/sanction")).then().statusCode(201).extract().path("id");
        rita.as().body(Map.of("text", "Rita appeals")).post(n.path("/sanctions/" + appealedSanction + "/appeal")).then().statusCode(201);
        String open = rita.as().body(Map.of("subjectMemberId", sam.memberId(), "normId", norm, "normVersion", 1,
                "description", "Still open")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");

        TestNetwork patient = Fixtures.network();
        Fixtures.publish(MembersEvents.NETWORK_UPDATED, patient.id(), new NetworkUpdated(patient.id(), "patient", "Patient",
                new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0, 365, 36, 24), 2, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(LocalStack.get().query("norms",
                "select closed_case_text_months from network where id = ?", patient.id()).get(0).get(0), equalTo(36)));
        Person pat = Fixtures.member(patient, "Pat");
        String patientNorm = Fixtures.activeNorm(patient, "N-01", "LOW");
        String kept = Fixtures.upheldCase(patient, patientNorm, pat);

        Instant now = Instant.now();
        assertThat("within 24 months nothing goes", retire(now.atOffset(ZoneOffset.UTC).plusMonths(23).toInstant()), equalTo(0));
        assertThat(text(upheld), equalTo(List.of("What happened", "Confirmed")));

        Instant later = now.atOffset(ZoneOffset.UTC).plusMonths(25).toInstant();
        assertThat("the cases of every network with the default are reached", retire(later), greaterThanOrEqualTo(1));
        String gone = PersonalText.RETIRED;
        assertThat(text(upheld), equalTo(List.of(gone, gone)));
        assertThat(LocalStack.get().query("norms", "select rung, reasoning from sanction where id = ?", UUID.fromString(sanction))
                .get(0), equalTo(List.of("CORRECTION", gone)));
        assertThat("no note of the case is left", LocalStack.get().query("norms",
                "select count(*) from case_history where case_id = ? and note is not null and note <> ?", UUID.fromString(upheld), gone)
                .get(0).get(0), equalTo(0L));
        assertThat("the facts stay", LocalStack.get().query("norms", "select status from breach_case where id = ?",
                UUID.fromString(upheld)).get(0).get(0), equalTo("UPHELD"));
        assertThat("an open case keeps its text", text(open).get(0), equalTo("Still open"));
        assertThat("a case whose sanction is under appeal keeps its text", text(appealed),
                equalTo(List.of("What happened", "Confirmed")));
        assertThat("the network that keeps 36 months keeps its case's text", text(kept),
                equalTo(List.of("What happened", "Confirmed")));
        n.organiser().as().get(n.path("/cases/" + upheld)).then().statusCode(200).body("description", equalTo(gone));
        assertThat("a second run changes nothing", retire(later), equalTo(0));
    }

    private int retire(Instant at) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> personalText.retire(at)))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static List<Object> text(String caseId) {
        return LocalStack.get().query("norms", "select description, decision_reason from breach_case where id = ?",
                UUID.fromString(caseId)).get(0);
    }
}
