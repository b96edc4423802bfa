package dev.cohesion.norms.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** From a breach report to a case, a graduated sanction and an appeal. */
@QuarkusTest
class CaseFlowIT {

    private static final String INDEPENDENCE = "reviewer-independence";

    @Test
    void a_report_opens_a_case_whose_reporter_the_subject_never_learns() {
        TestNetwork n = Fixtures.network();
        Person reporter = Fixtures.member(n, "Reporter");
        Person subject = Fixtures.member(n, "Subject");
        Person bystander = Fixtures.member(n, "Bystander");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String caseId = reporter.as().body(Map.of("subjectMemberId", subject.memberId(), "normId", norm, "normVersion", 1,
                        "description", "Took credit for my draft")).post(n.path("/breach-reports")).then().statusCode(201)
                .body("status", equalTo("OPEN")).body("reporterMemberId", equalTo(reporter.memberId().toString()))
                .body("normCode", equalTo("N-01")).extract().path("id");

        subject.as().get(n.path("/cases/" + caseId)).then().statusCode(200).body("reporterMemberId", nullValue())
                .body("description", equalTo("Took credit for my draft"));
        subject.as().get(n.path("/cases")).then().body("items[0].reporterMemberId", nullValue());
        bystander.as().get(n.path("/cases/" + caseId)).then().statusCode(404);
        n.organiser().as().get(n.path("/cases/" + caseId)).then().body("reporterMemberId", equalTo(reporter.memberId().toString()));

        JsonNode reported = Fixtures.events(n.id(), NormsEvents.BREACH_REPORTED, 1).get(0);
        assertThat(reported.path("caseId").asText(), equalTo(caseId));
        assertThat(reported.path("subjectMemberId").asText(), equalTo(subject.memberId().toString()));
        assertThat("the reporter is not in the event", reported.toString().contains(reporter.memberId().toString()), equalTo(false));

        subject.as().body(Map.of("subjectMemberId", subject.memberId(), "normId", norm, "normVersion", 1, "description", "x"))
                .post(n.path("/breach-reports")).then().statusCode(400).body("errors[0].field", equalTo("subjectMemberId"));
        reporter.as().body(Map.of("subjectMemberId", subject.memberId(), "normId", norm, "normVersion", 9, "description", "x"))
                .post(n.path("/breach-reports")).then().statusCode(400).body("errors[0].field", equalTo("normVersion"));
        // only norms in force may be cited: not a proposal, not a retired norm
        String proposed = n.organiser().as().body(Map.of("code", "N-02", "title", "Draft", "text", "Not yet agreed", "category", "conduct",
                "severity", "LOW")).post(n.path("/norms")).then().statusCode(201).extract().path("id");
        reporter.as().body(Map.of("subjectMemberId", subject.memberId(), "normId", proposed, "normVersion", 1, "description", "x"))
                .post(n.path("/breach-reports")).then().statusCode(409).body("rule", equalTo("cite-norms-in-force"))
                .body("detail", containsString("PROPOSED"));
        String retired = Fixtures.activeNorm(n, "N-03", "LOW");
        n.organiser().as().post(n.path("/norms/" + retired + "/retirement")).then().statusCode(200);
        reporter.as().body(Map.of("subjectMemberId", subject.memberId(), "normId", retired, "normVersion", 1, "description", "x"))
                .post(n.path("/breach-reports")).then().statusCode(409).body("rule", equalTo("cite-norms-in-force"))
                .body("detail", containsString("RETIRED"));
        Fixtures.changeStatus(n, bystander, MemberStatus.ACTIVE, MemberStatus.LEFT);
        reporter.as().body(Map.of("subjectMemberId", bystander.memberId(), "normId", norm, "normVersion", 1, "description", "x"))
                .post(n.path("/breach-reports")).then().statusCode(409).body("rule", equalTo("report-members-only"));
    }

    @Test
    void a_case_is_reviewed_by_an_organiser_who_is_neither_reporter_nor_subject_and_keeps_its_history() {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Subject");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String caseId = n.organiser().as().body(Map.of("subjectMemberId", subject.memberId(), "normId", norm, "normVersion", 1,
                "description", "Seen at the meeting")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        n.organiser().as().post(n.path("/cases/" + caseId + "/claim")).then().statusCode(403).body("rule", equalTo(INDEPENDENCE));
        n.secondOrganiser().as().body(Map.of("outcome", "UPHELD", "reason", "x")).post(n.path("/cases/" + caseId + "/decision"))
                .then().statusCode(409).body("currentState", equalTo("OPEN"));
        n.secondOrganiser().as().post(n.path("/cases/" + caseId + "/claim")).then().statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        n.organiser().as().body(Map.of("outcome", "DISMISSED", "reason", "x")).post(n.path("/cases/" + caseId + "/decision"))
                .then().statusCode(403).body("rule", equalTo(INDEPENDENCE));
        n.secondOrganiser().as().body(Map.of("outcome", "DISMISSED", "reason", "Not enough evidence"))
                .post(n.path("/cases/" + caseId + "/decision")).then().statusCode(200).body("status", equalTo("DISMISSED"));
        n.secondOrganiser().as().get(n.path("/cases/" + caseId + "/history")).then().statusCode(200)
                .body("action", equalTo(List.of("REPORTED", "CLAIMED", "DISMISSED")))
                .body("[2].note", equalTo("Not enough evidence"))
                .body("[1].actorMemberId", equalTo(n.secondOrganiser().memberId().toString()));
        JsonNode decided = Fixtures.events(n.id(), NormsEvents.CASE_DECIDED, 1).get(0);
        assertThat(decided.path("outcome").asText(), equalTo("DISMISSED"));
        n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + caseId + "/sanction"))
                .then().statusCode(409).body("currentState", equalTo("DISMISSED"));
    }

    @Test
    void an_organiser_who_is_the_subject_neither_sanctions_the_case_nor_learns_its_reporter_from_the_history() {
        TestNetwork n = Fixtures.network();
        Person reporter = Fixtures.member(n, "Reporter");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String caseId = reporter.as().body(Map.of("subjectMemberId", n.secondOrganiser().memberId(), "normId", norm, "normVersion", 1,
                "description", "Shared a confidential draft")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        n.organiser().as().post(n.path("/cases/" + caseId + "/claim")).then().statusCode(200);
        n.organiser().as().body(Map.of("outcome", "UPHELD", "reason", "Confirmed")).post(n.path("/cases/" + caseId + "/decision"))
                .then().statusCode(200);

        n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + caseId + "/sanction"))
                .then().statusCode(403).body("rule", equalTo(INDEPENDENCE));
        n.secondOrganiser().as().get(n.path("/cases/" + caseId + "/history")).then().statusCode(200)
                .body("action", equalTo(List.of("REPORTED", "CLAIMED", "UPHELD")))
                .body("[0].actorMemberId", nullValue())
                .body("[1].actorMemberId", equalTo(n.organiser().memberId().toString()));
        n.organiser().as().get(n.path("/cases/" + caseId + "/history")).then()
                .body("[0].actorMemberId", equalTo(reporter.memberId().toString()));
        n.organiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + caseId + "/sanction"))
                .then().statusCode(201).body("memberId", equalTo(n.secondOrganiser().memberId().toString()));
    }

    @Test
    void sanctions_climb_the_ladder_and_an_upheld_appeal_expunges_one() {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Repeat Offender");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String[] rungs = {"CORRECTION", "WARNING", "TEMPORARY_SUSPENSION"};
        String lastSanction = null;
        for (String expected : rungs) {
            String caseId = Fixtures.upheldCase(n, norm, subject);
            n.secondOrganiser().as().get(n.path("/cases/" + caseId + "/recommendation")).then().statusCode(200)
                    .body("rung", equalTo(expected)).body("reasoning", containsString("N-01 is MEDIUM"));
            lastSanction = n.secondOrganiser().as().body(Map.of("rung", expected)).post(n.path("/cases/" + caseId + "/sanction"))
                    .then().statusCode(201).body("rung", equalTo(expected)).body("recommendedRung", equalTo(expected))
                    .extract().path("id");
            n.secondOrganiser().as().body(Map.of("rung", expected)).post(n.path("/cases/" + caseId + "/sanction"))
                    .then().statusCode(409).body("rule", equalTo("one-sanction-per-case"));
        }
        List<JsonNode> applied = Fixtures.events(n.id(), NormsEvents.SANCTION_APPLIED, 3);
        assertThat(applied.stream().map(a -> a.path("rung").asText()).toList(), equalTo(List.of(rungs)));
        Instant endsAt = Instant.parse(applied.get(2).path("endsAt").asText());
        assertThat((double) Duration.between(Instant.now(), endsAt).toHours(), closeTo(7 * 24, 1));

        Person other = Fixtures.member(n, "Other");
        other.as().body(Map.of("text", "Not me")).post(n.path("/sanctions/" + lastSanction + "/appeal")).then().statusCode(403)
                .body("rule", equalTo("own-sanction-only"));
        String appeal = subject.as().body(Map.of("text", "The third report is about a co-written text."))
                .post(n.path("/sanctions/" + lastSanction + "/appeal")).then().statusCode(201).extract().path("id");
        subject.as().body(Map.of("text", "Again")).post(n.path("/sanctions/" + lastSanction + "/appeal")).then().statusCode(409)
                .body("rule", equalTo("appeal-once-per-sanction"));
        subject.as().get(n.path("/appeals/" + appeal)).then().statusCode(200).body("sanctionId", equalTo(lastSanction))
                .body("status", equalTo("OPEN")).body("text", equalTo("The third report is about a co-written text."));
        other.as().get(n.path("/appeals/" + appeal)).then().statusCode(404);
        n.secondOrganiser().as().body(Map.of("outcome", "UPHELD", "reason", "x")).post(n.path("/appeals/" + appeal + "/decision"))
                .then().statusCode(403).body("rule", equalTo("appeal-decided-by-another-organiser"));
        n.organiser().as().body(Map.of("outcome", "UPHELD", "reason", "Joint authorship shown"))
                .post(n.path("/appeals/" + appeal + "/decision")).then().statusCode(200).body("status", equalTo("UPHELD"));
        subject.as().get(n.path("/sanctions/" + lastSanction)).then().body("expunged", equalTo(true)).body("state", equalTo("LIFTED"));

        JsonNode lifted = Fixtures.events(n.id(), NormsEvents.SANCTION_LIFTED, 1).get(0);
        assertThat(lifted.path("sanctionId").asText(), equalTo(lastSanction));
        assertThat(lifted.path("expunged").asBoolean(), equalTo(true));
        assertThat(Fixtures.events(n.id(), NormsEvents.APPEAL_DECIDED, 1).get(0).path("outcome").asText(), equalTo("UPHELD"));

        String next = Fixtures.upheldCase(n, norm, subject);
        n.secondOrganiser().as().get(n.path("/cases/" + next + "/recommendation")).then()
                .body("rung", equalTo("TEMPORARY_SUSPENSION")).body("countedSanctions", equalTo(2)).body("suspensionDays", equalTo(7));
    }

    @Test
    void another_rung_than_the_recommended_one_needs_a_reason_and_only_members_are_sanctioned() {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Subject");
        String norm = Fixtures.activeNorm(n, "N-05", "HIGH");
        String caseId = Fixtures.upheldCase(n, norm, subject);
        n.secondOrganiser().as().get(n.path("/cases/" + caseId + "/recommendation")).then().body("rung", equalTo("WARNING"));
        n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + caseId + "/sanction"))
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        String note = "Please name your co-authors on the next draft.";
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION", "reason", "A newcomer, first time", "noteToMember", note))
                .post(n.path("/cases/" + caseId + "/sanction")).then().statusCode(201)
                .body("overrideReason", equalTo("A newcomer, first time")).body("recommendedRung", equalTo("WARNING"))
                .body("noteToMember", equalTo(note)).extract().path("id");
        // the private note: the member and the organisers read it; nobody else, and no event carries it
        subject.as().get(n.path("/sanctions/" + sanction)).then().statusCode(200).body("noteToMember", equalTo(note));
        subject.as().get(n.path("/sanctions")).then().statusCode(200).body("items[0].noteToMember", equalTo(note));
        n.organiser().as().get(n.path("/sanctions/" + sanction)).then().statusCode(200).body("noteToMember", equalTo(note));
        Fixtures.member(n, "Bystander").as().get(n.path("/sanctions/" + sanction)).then().statusCode(404);
        JsonNode applied = Fixtures.events(n.id(), NormsEvents.SANCTION_APPLIED, 1).get(0);
        assertThat(applied.path("sanctionId").asText(), equalTo(sanction));
        assertThat(applied.toString(), not(containsString(note)));

        String second = Fixtures.upheldCase(n, norm, subject);
        Fixtures.changeStatus(n, subject, MemberStatus.ACTIVE, MemberStatus.LEFT);
        n.secondOrganiser().as().body(Map.of("rung", "TEMPORARY_SUSPENSION")).post(n.path("/cases/" + second + "/sanction"))
                .then().statusCode(409).body("rule", equalTo("sanction-members-only"));
    }

    @Test
    void a_sanction_stops_counting_on_the_ladder_once_it_is_older_than_the_forgiveness_window() {
        TestNetwork n = Fixtures.network(); // forgiveness window: 180 days (the default)
        Person subject = Fixtures.member(n, "Once Forgiven");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String[] sanctions = new String[2];
        for (int i = 0; i < 2; i++) {
            String caseId = Fixtures.upheldCase(n, norm, subject);
            sanctions[i] = n.secondOrganiser().as().body(Map.of("rung", i == 0 ? "CORRECTION" : "WARNING"))
                    .post(n.path("/cases/" + caseId + "/sanction")).then().statusCode(201).extract().path("id");
        }
        // an hour on either side of the cut-off: the outcome cannot depend on how long the calls take
        LocalStack.get().query("norms", "update sanction set applied_at = now() - interval '180 days' - interval '1 hour' "
                + "where id = cast(? as uuid)", sanctions[0]);
        LocalStack.get().query("norms", "update sanction set applied_at = now() - interval '180 days' + interval '1 hour' "
                + "where id = cast(? as uuid)", sanctions[1]);
        String next = Fixtures.upheldCase(n, norm, subject);
        n.secondOrganiser().as().get(n.path("/cases/" + next + "/recommendation")).then().statusCode(200)
                .body("countedSanctions", equalTo(1)).body("rung", equalTo("WARNING"))
                .body("reasoning", containsString("180-day forgiveness window"));

        // a day later the second one is forgiven too: back to the first rung
        LocalStack.get().query("norms", "update sanction set applied_at = applied_at - interval '1 day' where id = cast(? as uuid)",
                sanctions[1]);
        n.secondOrganiser().as().get(n.path("/cases/" + next + "/recommendation")).then().statusCode(200)
                .body("countedSanctions", equalTo(0)).body("rung", equalTo("CORRECTION"));
    }

    @Test
    void an_appeal_comes_within_the_window_the_network_had_when_the_sanction_was_applied() {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Late");
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        String caseId = Fixtures.upheldCase(n, norm, subject);
        String settings = n.organiser().as().get(n.path("/norms-settings")).then().statusCode(200)
                .body("appealWindowDays", equalTo(20)).extract().header("ETag");
        var sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + caseId + "/sanction"))
                .then().statusCode(201).extract();
        String id = sanction.path("id");
        Instant appealUntil = Instant.parse(sanction.path("appealUntil"));
        assertThat(Duration.between(Instant.parse(sanction.path("appliedAt")), appealUntil), equalTo(Duration.ofDays(20)));
        JsonNode applied = Fixtures.events(n.id(), NormsEvents.SANCTION_APPLIED, 1).get(0);
        assertThat(Instant.parse(applied.path("appealUntil").asText()), equalTo(appealUntil));

        // the organisers lengthen the window afterwards: the sanction keeps its deadline
        n.organiser().as().header("If-Match", settings).body(Map.of("ladder", List.of("CORRECTION", "WARNING",
                        "TEMPORARY_SUSPENSION", "PERMANENT_REMOVAL"), "suspensionDays", List.of(7, 30, 90), "forgivenessDays", 180,
                        "appealWindowDays", 60, "voteQuorum", 0.6, "voteThreshold", 0.66))
                .put(n.path("/norms-settings")).then().statusCode(200).body("appealWindowDays", equalTo(60));
        assertThat(Instant.parse(subject.as().get(n.path("/sanctions/" + id)).then().statusCode(200).extract().path("appealUntil")),
                equalTo(appealUntil.truncatedTo(ChronoUnit.MICROS)));
        LocalStack.get().query("norms", "update sanction set applied_at = applied_at - interval '21 days', "
                + "appeal_until = appeal_until - interval '21 days' where id = cast(? as uuid)", id);
        subject.as().body(Map.of("text", "Too late?")).post(n.path("/sanctions/" + id + "/appeal")).then().statusCode(409)
                .body("rule", equalTo("appeal-window")).body("detail", containsString("could be appealed until"));
    }
}
