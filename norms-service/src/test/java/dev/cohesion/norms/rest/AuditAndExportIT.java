package dev.cohesion.norms.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** norms-service's audit log (norms, cases, sanctions, settings) and its exports (cases, acknowledgements). */
@QuarkusTest
class AuditAndExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_norm_book_and_a_case_leave_their_trail_in_the_audit_log() throws Exception {
        TestNetwork n = Fixtures.network();
        Person subject = Fixtures.member(n, "Subject");
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        String caseId = Fixtures.upheldCase(n, norm, subject);
        n.secondOrganiser().as().body(Map.of("rung", "CORRECTION", "noteToMember", "Please keep it civil"))
                .post(n.path("/cases/" + caseId + "/sanction")).then().statusCode(201);

        JsonNode log = JSON.readTree(n.organiser().as().get(n.path("/audit-log")).then().statusCode(200).extract().asString());
        List<String> actions = new java.util.ArrayList<>();
        log.path("items").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions, equalTo(List.of("sanction.applied", "case.decided", "case.claimed", "norm.activated", "norm.proposed")));
        JsonNode sanction = log.path("items").get(0);
        assertThat(sanction.path("actorMemberId").asText(), equalTo(n.secondOrganiser().memberId().toString()));
        assertThat(sanction.path("targetType").asText(), equalTo("member"));
        assertThat(sanction.path("targetId").asText(), equalTo(subject.memberId().toString()));
        assertThat(sanction.path("after").path("rung").asText(), equalTo("CORRECTION"));
        assertThat(sanction.path("after").path("caseId").asText(), equalTo(caseId));
        assertThat("the private note stays out of the log", sanction.toString().contains("civil"), equalTo(false));
        JsonNode activated = log.path("items").get(3);
        assertThat(activated.path("before").path("status").asText(), equalTo("PROPOSED"));
        assertThat(activated.path("after").path("status").asText(), equalTo("ACTIVE"));
        n.organiser().as().queryParam("targetId", caseId).get(n.path("/audit-log")).then().statusCode(200)
                .body("items.action", equalTo(List.of("case.decided", "case.claimed")))
                .body("items[0].after.status", equalTo("UPHELD"));
        subject.as().get(n.path("/audit-log")).then().statusCode(403);
    }

    @Test
    void cases_and_acknowledgements_export_and_the_reporter_of_a_case_about_the_caller_stays_hidden() throws Exception {
        TestNetwork n = Fixtures.network();
        Person ana = Fixtures.member(n, "Ana");
        Person ben = Fixtures.member(n, "Ben");
        String norm = Fixtures.activeNorm(n, "N-01", "LOW");
        ana.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);
        String aboutBen = Fixtures.upheldCase(n, norm, ben);
        // a case about the second organiser, reported by the first
        String aboutSecond = n.organiser().as().body(Map.of("subjectMemberId", n.secondOrganiser().memberId(), "normId", norm,
                "normVersion", 1, "description", "=cmd|' /C calc'!A0")).post(n.path("/breach-reports")).then().statusCode(201)
                .extract().path("id");

        JsonNode cases = JSON.readTree(n.secondOrganiser().as().accept("application/json").get(n.path("/exports/cases"))
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asString());
        assertThat(cases.size(), equalTo(2));
        assertThat(cases.get(0).path("id").asText(), equalTo(aboutBen));
        assertThat(cases.get(0).path("reporterMemberId").asText(), equalTo(n.organiser().memberId().toString()));
        assertThat(cases.get(0).path("status").asText(), equalTo("UPHELD"));
        assertThat(cases.get(0).path("normCode").asText(), equalTo("N-01"));
        assertThat(cases.get(1).path("id").asText(), equalTo(aboutSecond));
        assertThat("the subject never learns who reported them", cases.get(1).has("reporterMemberId"), equalTo(false));
        String csv = n.organiser().as().accept("text/csv").queryParam("status", "OPEN").get(n.path("/exports/cases"))
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines.length, equalTo(2));
        assertThat(lines[1], containsString(",'=cmd|' /C calc'!A0,OPEN,"));
        assertThat(lines[1], containsString("," + n.organiser().memberId() + ","));

        JsonNode acks = JSON.readTree(n.organiser().as().get(n.path("/exports/acknowledgements")).then().statusCode(200)
                .extract().asString());
        assertThat(acks.size(), equalTo(4));
        JsonNode anaRow = null;
        for (JsonNode row : acks) {
            assertThat(row.path("bookVersion").asInt(), equalTo(1));
            if (row.path("memberId").asText().equals(ana.memberId().toString())) {
                anaRow = row;
            } else {
                assertThat(row.path("acknowledged").asBoolean(), equalTo(false));
            }
        }
        assertThat(anaRow.path("acknowledged").asBoolean(), equalTo(true));
        assertThat(anaRow.path("displayName").asText(), equalTo("Ana"));
        assertThat(anaRow.path("lastAcknowledgedVersion").asInt(), equalTo(1));
        ana.as().get(n.path("/exports/acknowledgements")).then().statusCode(403);
        n.organiser().as().accept("text/csv").get(n.path("/exports/acknowledgements")).then().statusCode(200)
                .body(startsWith("memberId,displayName,bookVersion,acknowledged,acknowledgedAt,lastAcknowledgedVersion\r\n"));
        n.organiser().as().accept("text/csv").get(n.path("/exports/audit-log")).then().statusCode(200)
                .body(containsString(",case.claimed,case," + aboutBen + ","));
        n.organiser().as().queryParam("action", "case.claimed").get(n.path("/audit-log")).then().body("items", hasSize(1));
    }
}
