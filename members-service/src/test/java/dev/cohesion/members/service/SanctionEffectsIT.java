package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.norms.LiftReason;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionLifted;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.EventsWriter;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Sanctions published by norms-service change the member's status here. */
@QuarkusTest
class SanctionEffectsIT {

    @Test
    void a_temporary_suspension_suspends_until_its_end_and_a_lifted_sanction_restores() {
        Fixtures.TestNetwork n = Fixtures.network();
        Fixtures.Person m = Fixtures.join(n, "Sanctioned");
        UUID sanction = UUID.randomUUID();
        Instant until = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID eventId = EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), sanction,
                UUID.randomUUID(), m.memberId(), SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.TEMPORARY_SUSPENSION,
                Instant.now(), until, null));
        awaitStatus(n, m, "SUSPENDED");
        n.organiser().as().get(n.path("/members/" + m.memberId())).then()
                .body("suspendedUntil", equalTo(until.toString())).body("statusReason", equalTo("SANCTION"));

        // redelivered: applied once
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), sanction,
                UUID.randomUUID(), m.memberId(), SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.TEMPORARY_SUSPENSION,
                Instant.now(), until, null), eventId);

        // a suspended member cannot take a stance nor apply again
        String purpose = openConsultation(n);
        m.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(403)
                .body("rule", equalTo("only-active-members-take-stances"));
        m.as().body(Map.of("profile", Map.of("displayName", "Again", "constituency", "OTHER"))).post(n.path("/applications"))
                .then().statusCode(409).body("rule", equalTo("one-membership-per-person"));

        EventsWriter.publish(NormsEvents.SANCTION_LIFTED, n.id(), new SanctionLifted(n.id(), sanction, m.memberId(),
                SanctionRung.TEMPORARY_SUSPENSION, LiftReason.APPEAL_UPHELD, true, Instant.now()));
        awaitStatus(n, m, "ACTIVE");

        List<JsonNode> changes = Fixtures.awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 2);
        assertThat("one suspension, one restoration: the redelivery changed nothing", changes.size(), equalTo(2));
        assertThat(changes.get(0).path("to").asText(), equalTo("SUSPENDED"));
        assertThat(changes.get(0).path("until").asText(), equalTo(until.toString()));
        assertThat(changes.get(0).path("sanctionId").asText(), equalTo(sanction.toString()));
        assertThat(changes.get(1).path("to").asText(), equalTo("ACTIVE"));
        assertThat(changes.get(1).path("reason").asText(), equalTo("SANCTION_LIFTED"));
    }

    @Test
    void a_suspension_ends_by_itself() {
        Fixtures.TestNetwork n = Fixtures.network();
        Fixtures.Person m = Fixtures.join(n, "Briefly suspended");
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(),
                UUID.randomUUID(), m.memberId(), SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.TEMPORARY_SUSPENSION,
                Instant.now(), Instant.now().plusSeconds(3), null));
        awaitStatus(n, m, "SUSPENDED");
        awaitStatus(n, m, "ACTIVE");
        JsonNode back = Fixtures.awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 2).get(1);
        assertThat(back.path("reason").asText(), equalTo("SUSPENSION_ENDED"));
    }

    @Test
    void a_permanent_removal_removes_and_corrections_change_nothing() {
        Fixtures.TestNetwork n = Fixtures.network();
        Fixtures.Person corrected = Fixtures.join(n, "Corrected");
        Fixtures.Person removed = Fixtures.join(n, "Removed");
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(),
                UUID.randomUUID(), corrected.memberId(), SanctionRung.CORRECTION, SanctionRung.CORRECTION, Instant.now(), null, null));
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(),
                UUID.randomUUID(), removed.memberId(), SanctionRung.PERMANENT_REMOVAL, SanctionRung.WARNING, Instant.now(), null, null));
        awaitStatus(n, removed, "REMOVED");
        n.organiser().as().get(n.path("/members/" + corrected.memberId())).then().body("status", equalTo("ACTIVE"));
        List<JsonNode> changes = Fixtures.awaitEvents(n.id(), MembersEvents.MEMBER_STATUS_CHANGED, 1);
        assertThat(changes.size(), equalTo(1));
        assertThat(changes.get(0).path("memberId").asText(), equalTo(removed.memberId().toString()));
        // the sanction's removal is undone by its appeal in norms-service, not by an organiser's readmission
        n.organiser().as().body(Map.of("reason", "We miss them")).post(n.path("/members/" + removed.memberId() + "/readmission"))
                .then().statusCode(409).body("rule", equalTo("readmission-not-over-a-sanction"));
    }

    @Test
    void a_removal_lifted_after_the_member_was_erased_restores_nobody() {
        Fixtures.TestNetwork n = Fixtures.network();
        Fixtures.Person removed = Fixtures.join(n, "Removed then erased");
        UUID sanction = UUID.randomUUID();
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), sanction,
                UUID.randomUUID(), removed.memberId(), SanctionRung.PERMANENT_REMOVAL, SanctionRung.PERMANENT_REMOVAL, Instant.now(), null, null));
        awaitStatus(n, removed, "REMOVED");
        n.organiser().as().post(n.path("/members/" + removed.memberId() + "/erasure")).then().statusCode(200).body("erased", equalTo(true));
        EventsWriter.publish(NormsEvents.SANCTION_LIFTED, n.id(), new SanctionLifted(n.id(), sanction, removed.memberId(),
                SanctionRung.PERMANENT_REMOVAL, LiftReason.APPEAL_UPHELD, true, Instant.now()));
        // a later event of the same network (same partition) shows the lift was read before it
        Fixtures.Person later = Fixtures.join(n, "Later");
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(),
                UUID.randomUUID(), later.memberId(), SanctionRung.PERMANENT_REMOVAL, SanctionRung.PERMANENT_REMOVAL, Instant.now(), null, null));
        awaitStatus(n, later, "REMOVED");
        n.organiser().as().get(n.path("/members/" + removed.memberId())).then().body("status", equalTo("REMOVED"))
                .body("erased", equalTo(true));
    }

    private static void awaitStatus(Fixtures.TestNetwork n, Fixtures.Person m, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.organiser().as().get(n.path("/members/" + m.memberId()))
                .then().body("status", equalTo(status)));
    }

    static String openConsultation(Fixtures.TestNetwork n) {
        String purpose = n.organiser().as().body(Map.of("statement", "Our purpose")).post(n.path("/purposes"))
                .then().statusCode(201).extract().path("id");
        n.organiser().as().body(Map.of("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + purpose + "/consultation")).then().statusCode(200);
        return purpose;
    }
}
