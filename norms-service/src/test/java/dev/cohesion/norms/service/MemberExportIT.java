package dev.cohesion.norms.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * norms-service's part of a member's data export (docs/privacy.md): what the member wrote and what was decided about
 * them, never who reported them; a request no longer awaited is not answered; an erasure tombstones the part.
 */
@QuarkusTest
class MemberExportIT {

    @Test
    void a_member_reads_their_own_record_at_me_as_their_export_has_it() {
        TestNetwork n = Fixtures.network();
        Person sam = Fixtures.member(n, "Sam Me");
        Person rita = Fixtures.member(n, "Rita Reporter");
        Person bo = Fixtures.member(n, "Bo Bystander");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        sam.as().get(n.path("/me")).then().statusCode(200).body("memberId", equalTo(sam.memberId().toString()))
                .body("normBook.currentVersion", equalTo(1)).body("normBook.upToDate", equalTo(false))
                .body("sanctions", hasSize(0)).body("casesAbout", hasSize(0));
        sam.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);
        String aboutSam = rita.as().body(Map.of("subjectMemberId", sam.memberId(), "normId", norm, "normVersion", 1,
                "description", "Rita says Sam shouted")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        String bySam = sam.as().body(Map.of("subjectMemberId", bo.memberId(), "normId", norm, "normVersion", 1,
                "description", "Sam reports Bo")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        String upheld = Fixtures.upheldCase(n, norm, sam);
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION", "noteToMember", "Let others finish"))
                .post(n.path("/cases/" + upheld + "/sanction")).then().statusCode(201).extract().path("id");
        sam.as().body(Map.of("text", "Sam appeals")).post(n.path("/sanctions/" + sanction + "/appeal")).then().statusCode(201);

        var me = sam.as().get(n.path("/me")).then().statusCode(200)
                .body("normBook.acknowledgedVersion", equalTo(1)).body("normBook.upToDate", equalTo(true))
                .body("casesReported.id", equalTo(List.of(bySam))).body("casesReported[0].reporterMemberId", equalTo(sam.memberId().toString()))
                .body("casesAbout.id", containsInAnyOrder(aboutSam, upheld))
                .body("casesAbout.reporterMemberId", equalTo(java.util.Arrays.asList(null, null)))
                .body("casesAbout.reviewerMemberId", equalTo(java.util.Arrays.asList(null, null)))
                .body("sanctions.id", equalTo(List.of(sanction))).body("sanctions[0].noteToMember", equalTo("Let others finish"))
                .body("appeals.text", equalTo(List.of("Sam appeals"))).extract().asString();
        assertThat("the reporter of a case about the member is never named", me.contains(rita.memberId().toString()), equalTo(false));

        Fixtures.activeNorm(n, "N-02", "LOW");
        sam.as().get(n.path("/me")).then().body("normBook.currentVersion", equalTo(2)).body("normBook.acknowledgedVersion", equalTo(1))
                .body("normBook.upToDate", equalTo(false));
        new Person(null, Fixtures.partnerToken(n)).as().get(n.path("/me")).then().statusCode(403);
    }

    @Test
    void the_part_holds_what_the_member_did_and_what_was_decided_about_them_but_never_the_reporter() {
        TestNetwork n = Fixtures.network();
        Person sam = Fixtures.member(n, "Sam Exported");
        Person rita = Fixtures.member(n, "Rita Reporter");
        Person bo = Fixtures.member(n, "Bo Bystander");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        sam.as().body(Map.of("version", 1)).post(n.path("/norm-book/acknowledgements")).then().statusCode(200);
        String aboutSam = rita.as().body(Map.of("subjectMemberId", sam.memberId(), "normId", norm, "normVersion", 1,
                "description", "Rita says Sam shouted")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        String bySam = sam.as().body(Map.of("subjectMemberId", bo.memberId(), "normId", norm, "normVersion", 1,
                "description", "Sam reports Bo")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        rita.as().body(Map.of("subjectMemberId", bo.memberId(), "normId", norm, "normVersion", 1,
                "description", "Rita reports Bo too")).post(n.path("/breach-reports")).then().statusCode(201);
        String upheld = Fixtures.upheldCase(n, norm, sam);
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION")).post(n.path("/cases/" + upheld + "/sanction"))
                .then().statusCode(201).extract().path("id");
        sam.as().body(Map.of("text", "Sam appeals")).post(n.path("/sanctions/" + sanction + "/appeal")).then().statusCode(201);

        UUID stale = UUID.randomUUID();
        Fixtures.publish(MembersEvents.MEMBER_EXPORT_REQUESTED, n.id(), new MemberExportRequested(stale, n.id(), sam.memberId(),
                Instant.now().minus(Duration.ofDays(2))));
        UUID exportId = UUID.randomUUID();
        Fixtures.publish(MembersEvents.MEMBER_EXPORT_REQUESTED, n.id(), new MemberExportRequested(exportId, n.id(), sam.memberId(),
                Instant.now()));

        List<JsonNode> parts = Fixtures.events(n.id(), NormsEvents.MEMBER_EXPORT_PART, 1);
        assertThat("the stale request (read first, same partition) was not answered", parts, hasSize(1));
        JsonNode part = parts.get(0);
        assertThat(part.path("exportId").asText(), equalTo(exportId.toString()));
        assertThat(part.path("acknowledgements").get(0).path("bookVersion").asInt(), equalTo(1));
        assertThat(texts(part.path("casesAbout"), "caseId"), containsInAnyOrder(aboutSam, upheld));
        assertThat(texts(part.path("casesAbout"), "description"), hasItem("Rita says Sam shouted"));
        assertThat(texts(part.path("casesReported"), "caseId"), equalTo(List.of(bySam)));
        assertThat(texts(part.path("sanctions"), "sanctionId"), equalTo(List.of(sanction)));
        assertThat(texts(part.path("appeals"), "text"), equalTo(List.of("Sam appeals")));
        assertThat("the reporter of a case about the member is never named", part.toString().contains(rita.memberId().toString()),
                equalTo(false));
        assertThat("nothing of other members' cases", part.toString().contains("Rita reports Bo too"), equalTo(false));

        Fixtures.changeStatus(n, sam, MemberStatus.ACTIVE, MemberStatus.LEFT);
        Fixtures.erase(n, sam);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat("a tombstone for the member's part in transit",
                LocalStack.get().records(Topics.NORMS_EXPORTS).stream().filter(r -> sam.memberId().toString().equals(r.key()))
                        .map(r -> r.value() == null).toList(), hasItem(true)));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }
}
