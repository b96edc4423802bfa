package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The audit log (who removed whom, who changed which setting, before and after; append-only; filters, paging, export)
 * and the directory and stance exports (CSV and JSON, consent respected for partners, formulas neutralised).
 */
@QuarkusTest
class AuditAndExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void organisers_actions_are_logged_with_who_what_whom_before_and_after_and_the_log_cannot_be_changed() throws Exception {
        TestNetwork n = Fixtures.network();
        Person removed = Fixtures.join(n, "Removed");
        Person promoted = Fixtures.join(n, "Promoted");
        n.organiser().as().body(Map.of("reason", "Spam")).post(n.path("/members/" + removed.memberId() + "/removal")).then().statusCode(200);
        n.organiser().as().body(Map.of("roles", List.of("ORGANISER", "MEMBER"))).put(n.path("/members/" + promoted.memberId() + "/roles"))
                .then().statusCode(200);

        JsonNode log = Fixtures.json(n.organiser().as().get(n.path("/audit-log")).then().statusCode(200));
        List<String> actions = new ArrayList<>();
        log.path("items").forEach(e -> actions.add(e.path("action").asText()));
        // newest first: the network's creation by the administrator, two approvals, the removal, the roles
        assertThat(actions, equalTo(List.of("member.roles-changed", "member.removed", "member.approved", "member.approved",
                "network.created")));
        JsonNode removal = log.path("items").get(1);
        assertThat(removal.path("actorRole").asText(), equalTo("ORGANISER"));
        assertThat(removal.path("actorMemberId").asText(), equalTo(n.organiser().memberId().toString()));
        assertThat("an organiser is named by member id only", removal.has("actorSubject"), equalTo(false));
        assertThat(removal.path("targetType").asText(), equalTo("member"));
        assertThat(removal.path("targetId").asText(), equalTo(removed.memberId().toString()));
        assertThat(removal.path("before").path("status").asText(), equalTo("ACTIVE"));
        assertThat(removal.path("after").path("status").asText(), equalTo("REMOVED"));
        assertThat(removal.path("after").path("statusReason").asText(), equalTo("REMOVED_BY_ORGANISER"));
        assertThat("no free text in the log", removal.toString(), not(containsString("Spam")));
        JsonNode roles = log.path("items").get(0);
        assertThat(roles.path("before").path("organiser").asBoolean(), equalTo(false));
        assertThat(roles.path("after").path("organiser").asBoolean(), equalTo(true));
        JsonNode created = log.path("items").get(4);
        assertThat(created.path("actorRole").asText(), equalTo("ADMINISTRATOR"));
        assertThat(created.path("after").path("slug").asText(), startsWith("net-"));

        // filters and paging
        n.organiser().as().queryParam("targetId", removed.memberId().toString()).get(n.path("/audit-log")).then().statusCode(200)
                .body("items", hasSize(2)).body("items.action", equalTo(List.of("member.removed", "member.approved")));
        n.organiser().as().queryParam("action", "member.approved").queryParam("limit", 1).get(n.path("/audit-log")).then()
                .statusCode(200).body("items", hasSize(1)).body("nextCursor", not(nullValue()));
        String cursor = n.organiser().as().queryParam("action", "member.approved").queryParam("limit", 1).get(n.path("/audit-log"))
                .then().extract().path("nextCursor");
        n.organiser().as().queryParam("action", "member.approved").queryParam("limit", 1).queryParam("cursor", cursor)
                .get(n.path("/audit-log")).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].targetId", equalTo(removed.memberId().toString())).body("nextCursor", nullValue());
        n.organiser().as().queryParam("actor", promoted.memberId().toString()).get(n.path("/audit-log")).then().statusCode(200)
                .body("items", hasSize(0));
        n.organiser().as().queryParam("from", "2030-01-01T00:00:00Z").queryParam("to", "2029-01-01T00:00:00Z")
                .get(n.path("/audit-log")).then().statusCode(400).body("errors[0].field", equalTo("to"));
        // members do not read it; the administrator reads every network's, and the platform log
        removed.as().get(n.path("/audit-log")).then().statusCode(403);
        Fixtures.asAdmin().get(n.path("/audit-log")).then().statusCode(200).body("items", hasSize(5));
        Fixtures.asAdmin().queryParam("networkId", n.id().toString()).queryParam("action", "network.created")
                .get("/api/v1/admin/audit-log").then().statusCode(200).body("items", hasSize(1));
        n.organiser().as().get("/api/v1/admin/audit-log").then().statusCode(403);

        // export, oldest first, as CSV and JSON
        Response csv = n.organiser().as().accept("text/csv").get(n.path("/exports/audit-log"));
        assertThat(csv.statusCode(), equalTo(200));
        assertThat(csv.contentType(), startsWith("text/csv"));
        String[] lines = csv.asString().split("\r\n");
        assertThat(lines[0], equalTo("id,networkId,at,actorRole,actorMemberId,actorSubject,action,targetType,targetId,before,after"));
        assertThat(lines.length, equalTo(6));
        assertThat(lines[1], containsString(",network.created,"));
        assertThat(lines[4], containsString(",member.removed,member," + removed.memberId()));
        JsonNode exported = JSON.readTree(n.organiser().as().accept("application/json").get(n.path("/exports/audit-log"))
                .then().statusCode(200).extract().asString());
        assertThat(exported.size(), equalTo(5));
        assertThat(exported.get(3).path("after").path("status").asText(), equalTo("REMOVED"));

        // append-only: the database itself refuses a change or a deletion
        assertThrows(RuntimeException.class, () -> LocalStack.get().query("members",
                "update audit_entry set action = 'nothing' where network_id = ?", n.id()));
        assertThrows(RuntimeException.class, () -> LocalStack.get().query("members",
                "delete from audit_entry where network_id = ?", n.id()));
        n.organiser().as().get(n.path("/audit-log")).then().body("items", hasSize(5))
                .body("items.action", hasItem("member.removed"));

        // the administrator's requests: a member's data export (in the network's log), a dead-letter replay (platform)
        Fixtures.asAdmin().post(n.path("/members/" + removed.memberId() + "/exports")).then().statusCode(202);
        n.organiser().as().queryParam("action", "data-export.requested").get(n.path("/audit-log")).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].actorRole", equalTo("ADMINISTRATOR"))
                .body("items[0].targetId", equalTo(removed.memberId().toString()));
        Fixtures.asAdmin().post("/api/v1/admin/dead-letters/cohesion.norms.v1/replay").then().statusCode(200);
        Fixtures.asAdmin().queryParam("action", "dead-letters.replay-requested").queryParam("targetId", "cohesion.norms.v1")
                .get("/api/v1/admin/audit-log").then().statusCode(200)
                .body("items[0].targetType", equalTo("topic")).body("items[0].networkId", nullValue())
                .body("items[0].actorSubject", not(nullValue()));
    }

    @Test
    void the_directory_exports_as_csv_and_json_partners_get_only_what_members_share_and_formulas_are_defused() throws Exception {
        TestNetwork n = Fixtures.network();
        Person formula = Fixtures.join(n, "=HYPERLINK(\"http://evil\")", "PRACTITIONER", "Acme, \"Quoted\" Ltd");
        Person left = Fixtures.join(n, "Left Behind");
        left.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + left.memberId() + "/departure")).then().statusCode(200);

        Response csv = n.organiser().as().accept("text/csv").get(n.path("/exports/directory"));
        assertThat(csv.statusCode(), equalTo(200));
        assertThat(csv.header("Content-Disposition"), equalTo("attachment; filename=\"directory.csv\""));
        String[] lines = csv.asString().split("\r\n");
        assertThat(lines[0], equalTo("id,displayName,email,organisation,constituency,interests,roles,status,statusReason,joinedAt,leftAt,erased"));
        assertThat(lines.length, equalTo(4));
        String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith(formula.memberId().toString())).findFirst().orElseThrow();
        assertThat(row, containsString(",\"'=HYPERLINK(\"\"http://evil\"\")\"," + formula.subject() + "@example.org,"
                + "\"Acme, \"\"Quoted\"\" Ltd\",PRACTITIONER,policy,MEMBER,ACTIVE,"));

        JsonNode all = JSON.readTree(n.organiser().as().accept("application/json").get(n.path("/exports/directory")).then()
                .statusCode(200).contentType(startsWith("application/json")).extract().asString());
        assertThat(all.size(), equalTo(3));
        JsonNode organiser = all.get(0);
        assertThat(organiser.path("roles").toString(), equalTo("[\"MEMBER\",\"ORGANISER\"]"));
        assertThat(organiser.path("email").asText(), org.hamcrest.Matchers.endsWith("@example.org"));
        JsonNode leftRow = all.get(2);
        assertThat(leftRow.path("status").asText(), equalTo("LEFT"));
        assertThat(leftRow.path("statusReason").asText(), equalTo("MOVED_ON"));
        n.organiser().as().accept("application/json").queryParam("status", "LEFT").get(n.path("/exports/directory")).then()
                .statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(left.memberId().toString()));

        // a partner: active members only, and only the fields each shares (the fixtures share the display name)
        String partner = Fixtures.partner(n, "directory:read");
        JsonNode shared = JSON.readTree(Fixtures.as(partner).accept("application/json").get(n.path("/exports/directory")).then()
                .statusCode(200).extract().asString());
        // the founder shares nothing; the fixtures' members share their display name
        assertThat(shared.size(), equalTo(2));
        assertThat(shared.get(0).toString(), equalTo("{\"id\":\"" + n.organiser().memberId() + "\",\"status\":\"ACTIVE\",\"erased\":false}"));
        JsonNode sharing = shared.get(1);
        assertThat(sharing.path("id").asText(), equalTo(formula.memberId().toString()));
        assertThat(sharing.path("displayName").asText(), equalTo("=HYPERLINK(\"http://evil\")"));
        assertThat(sharing.has("email") || sharing.has("organisation") || sharing.has("statusReason") || sharing.has("interests"),
                equalTo(false));
        // members do not export the directory
        formula.as().accept("text/csv").get(n.path("/exports/directory")).then().statusCode(403);
    }

    @Test
    void the_stances_on_a_purpose_export_and_an_unknown_purpose_is_a_404_before_any_byte() throws Exception {
        TestNetwork n = Fixtures.network();
        Person objector = Fixtures.join(n, "Objector");
        String purpose = n.organiser().as().body(Map.of("statement", "We share practice")).post(n.path("/purposes"))
                .then().statusCode(201).extract().path("id");
        n.organiser().as().body(Map.of("closesAt", java.time.Instant.now().plusSeconds(86_400).toString()))
                .post(n.path("/purposes/" + purpose + "/consultation")).then().statusCode(200);
        objector.as().body(Map.of("stance", "OBJECT", "reason", "+1 for something else")).put(n.path("/purposes/" + purpose + "/stances/mine"))
                .then().statusCode(200);
        n.organiser().as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);

        String csv = n.organiser().as().accept("text/csv").get(n.path("/exports/purposes/" + purpose + "/stances")).then()
                .statusCode(200).extract().asString();
        assertThat(csv, containsString(objector.memberId() + ",Objector,OBJECT,'+1 for something else,"));
        JsonNode json = JSON.readTree(n.organiser().as().get(n.path("/exports/purposes/" + purpose + "/stances")).then()
                .statusCode(200).extract().asString());
        assertThat(json.size(), equalTo(2));
        n.organiser().as().get(n.path("/exports/purposes/" + java.util.UUID.randomUUID() + "/stances")).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        // the purpose's lifecycle is in the log; the stances, members' own acts, are not
        n.organiser().as().queryParam("targetType", "purpose").get(n.path("/audit-log")).then().statusCode(200)
                .body("items.action", equalTo(List.of("purpose.consultation-opened", "purpose.drafted")))
                .body("items[0].before.status", equalTo("DRAFT")).body("items[0].after.status", equalTo("IN_CONSULTATION"));
    }
}
