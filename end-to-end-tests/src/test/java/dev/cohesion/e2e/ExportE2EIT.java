package dev.cohesion.e2e;

import dev.cohesion.e2e.RunningSystem.Member;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static dev.cohesion.stack.process.CohesionService.NORMS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * A member's own data, in one document (docs/privacy.md): a member with data in the three services asks for it,
 * members-service assembles it from the parts the other services send through Kafka, and it holds every item the
 * test created for them and nothing of anyone else — not even who reported them.
 */
class ExportE2EIT {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void the_export_holds_every_item_of_the_member_from_the_three_services_and_nothing_of_others() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Xenia Export " + suffix;
        String email = "xenia-" + suffix + "@example.org";
        String olgaSubject = "user-" + UUID.randomUUID();
        String olga = system.stack().tokens(olgaSubject).sign();
        String network = system.network("export-" + suffix, olgaSubject);
        String base = "/api/v1/networks/" + network;

        Member xenia = system.join(base, olga, name, email, "Org of Xenia");
        Member bo = system.join(base, olga, "Bo " + suffix, "bo-" + suffix + "@example.org", "Org of Bo");
        Member cai = system.join(base, olga, "Cai " + suffix, "cai-" + suffix + "@example.org", "Org of Cai");
        for (String db : List.of("norms", "metrics")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(system.stack().query(db,
                    "select count(*) from member_identity where member_id = cast(? as uuid)", cai.id()).get(0).get(0), equalTo(1L)));
        }

        // members-service: a stance with its reason
        String purpose = system.as(MEMBERS, olga).body(Map.of("statement", "Share what works."))
                .post(base + "/purposes").then().statusCode(201).extract().path("id");
        system.as(MEMBERS, olga).body(Map.of("closesAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()))
                .post(base + "/purposes/" + purpose + "/consultation").then().statusCode(200);
        system.as(MEMBERS, xenia.token()).body(Map.of("stance", "OBJECT", "reason", "Too vague for " + suffix))
                .put(base + "/purposes/" + purpose + "/stances/mine").then().statusCode(200);
        // norms-service: an acknowledgement, a report she made, a report about her (by Bo)
        String norm = system.as(NORMS, olga).body(Map.of("code", "N-01", "title", "Be kind", "text", "Be kind.",
                "category", "conduct", "severity", "LOW")).post(base + "/norms").then().statusCode(201).extract().path("id");
        system.as(NORMS, olga).post(base + "/norms/" + norm + "/activation").then().statusCode(200);
        system.as(NORMS, xenia.token()).body(Map.of("version", 1)).post(base + "/norm-book/acknowledgements").then().statusCode(200);
        String byHer = system.as(NORMS, xenia.token()).body(Map.of("subjectMemberId", bo.id(), "normId", norm, "normVersion", 1,
                "description", "Xenia reports a breach " + suffix)).post(base + "/breach-reports").then().statusCode(201).extract().path("id");
        String aboutHer = system.as(NORMS, bo.token()).body(Map.of("subjectMemberId", xenia.id(), "normId", norm, "normVersion", 1,
                "description", "About Xenia " + suffix)).post(base + "/breach-reports").then().statusCode(201).extract().path("id");
        system.as(NORMS, bo.token()).body(Map.of("subjectMemberId", cai.id(), "normId", norm, "normVersion", 1,
                "description", "Bo reports Cai " + suffix)).post(base + "/breach-reports").then().statusCode(201);
        // metrics-service: two activities of hers, one of Bo's, from a partner
        String client = "partner-" + UUID.randomUUID();
        system.as(MEMBERS, olga).body(Map.of("name", "Events app", "clientId", client, "scopes", List.of("activities:write")))
                .post(base + "/partners").then().statusCode(201);
        String partner = system.stack().tokens(client).client(client).sign();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.as(METRICS, partner)
                .body(Map.of("activities", List.of())).post(base + "/activities").then().statusCode(400));
        system.as(METRICS, partner).body(Map.of("activities", List.of(activity(xenia, "POSTED", "x1-" + suffix),
                activity(xenia, "ATTENDED_EVENT", "x2-" + suffix), activity(bo, "POSTED", "b1-" + suffix))))
                .post(base + "/activities").then().statusCode(202).body("accepted", equalTo(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(system.stack().query("metrics",
                "select count(*) from activity where member_id = cast(? as uuid)", xenia.id()).get(0).get(0), equalTo(2L)));

        // She asks; the document is assembled from the three services
        String exports = base + "/members/" + xenia.id() + "/exports";
        String id = system.as(MEMBERS, xenia.token()).post(exports).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> system.as(MEMBERS, xenia.token()).get(exports + "/" + id)
                .then().statusCode(200).body("status", equalTo("COMPLETE")));
        String body = system.as(MEMBERS, xenia.token()).get(exports + "/" + id).then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(body).setRootPath("document");
        assertThat(doc.getString("members.profile.displayName"), equalTo(name));
        assertThat(doc.getString("members.profile.email"), equalTo(email));
        assertThat(doc.getString("members.profile.organisation"), equalTo("Org of Xenia"));
        assertThat(doc.getString("members.membership.status"), equalTo("ACTIVE"));
        assertThat(doc.getList("members.stances.reason"), equalTo(List.of("Too vague for " + suffix)));
        assertThat(doc.getList("norms.acknowledgements.bookVersion"), equalTo(List.of(1)));
        assertThat(doc.getList("norms.casesReported.caseId"), equalTo(List.of(byHer)));
        assertThat(doc.getList("norms.casesAbout.caseId"), equalTo(List.of(aboutHer)));
        assertThat(doc.getList("norms.casesAbout.description"), equalTo(List.of("About Xenia " + suffix)));
        assertThat(doc.getList("metrics.activities.type"), containsInAnyOrder("ATTENDED_EVENT", "POSTED"));
        assertThat(doc.getLong("metrics.engagement.activityCount"), equalTo(2L));
        assertThat("the reporter of the case about her is not named", body.contains(bo.id()), equalTo(false));
        assertThat("nothing of other members", body.contains("Bo " + suffix) || body.contains("Bo reports Cai"), equalTo(false));
    }

    private static Map<String, Object> activity(Member p, String type, String key) {
        return Map.of("memberId", p.id(), "type", type, "occurredAt", Instant.now().minusSeconds(60).toString(), "idempotencyKey", key);
    }
}
