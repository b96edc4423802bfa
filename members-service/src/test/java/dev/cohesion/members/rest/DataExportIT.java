package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.MetricsExportPart;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.NormsExportPart;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.members.EventsWriter;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * A member's own data export (docs/privacy.md): requested here, completed when norms-service's and metrics-service's
 * parts arrive on their exports topics (written here as those services would), deleted at the member's erasure.
 */
@QuarkusTest
class DataExportIT {

    private static final Instant AT = Instant.parse("2026-11-02T09:30:00Z");

    @Test
    void a_member_gets_one_document_once_every_service_sent_its_part() {
        TestNetwork n = Fixtures.network();
        Person ana = Fixtures.join(n, "Ana Export", "ACADEMIC", "University A");
        Person ben = Fixtures.join(n, "Ben");
        String exports = n.path("/members/" + ana.memberId() + "/exports");

        ben.as().post(exports).then().statusCode(403).body("rule", equalTo("own-record-only"));
        n.organiser().as().post(exports).then().statusCode(403).body("rule", equalTo("own-record-only"));
        String id = ana.as().post(exports).then().statusCode(202)
                .body("status", equalTo("PENDING")).body("document", nullValue()).body("expiresAt", notNullValue())
                .extract().path("id");
        ana.as().post(exports).then().statusCode(202).header("Location", endsWith("/exports/" + id))
                .body("id", equalTo(id));
        JsonNode requested = awaitEvent(n.id(), MembersEvents.MEMBER_EXPORT_REQUESTED);
        assertThat(requested.path("exportId").asText(), equalTo(id));
        assertThat(requested.path("memberId").asText(), equalTo(ana.memberId().toString()));
        assertThat("the request carries ids only", requested.toString().contains("Ana Export"), equalTo(false));

        UUID exportId = UUID.fromString(id);
        UUID sanction = UUID.randomUUID();
        publish(NormsEvents.MEMBER_EXPORT_PART, ana.memberId(), n.id(), new NormsExportPart(exportId, n.id(), ana.memberId(),
                List.of(new NormsExportPart.Acknowledgement(1, AT)), List.of(), List.of(), List.of(),
                List.of(new NormsExportPart.Case(UUID.randomUUID(), "N-01", 1, "Shouted at the meeting", "UPHELD", AT, AT, "Seen by two")),
                List.of(new NormsExportPart.Sanction(sanction, UUID.randomUUID(), SanctionRung.WARNING, "A first warning", AT,
                        null, null, false)), List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(LocalStack.get().query("members",
                "select count(*) from data_export where id = ? and norms_part is not null", exportId).get(0).get(0), equalTo(1L)));
        ana.as().get(exports + "/" + id).then().statusCode(200).body("status", equalTo("PENDING"));
        publish(MetricsEvents.MEMBER_EXPORT_PART, ana.memberId(), n.id(), new MetricsExportPart(exportId, n.id(), ana.memberId(),
                new MetricsExportPart.Engagement(3.5, 2, AT, AT.plusSeconds(60)),
                List.of(new MetricsExportPart.Week(LocalDate.parse("2026-11-02"), 2.0, 2)),
                List.of(new MetricsExportPart.Activity("POSTED", AT.plusSeconds(60), 1.0, "forum", false),
                        new MetricsExportPart.Activity("ATTENDED", AT, 1.0, null, false)), 0));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ana.as().get(exports + "/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETE")));
        ana.as().get(exports + "/" + id).then().statusCode(200)
                .body("completedAt", notNullValue())
                .body("document.members.profile.displayName", equalTo("Ana Export"))
                .body("document.members.profile.organisation", equalTo("University A"))
                .body("document.members.profile.email", equalTo(ana.subject() + "@example.org"))
                .body("document.members.membership.status", equalTo("ACTIVE"))
                .body("document.norms.acknowledgements[0].bookVersion", equalTo(1))
                .body("document.norms.casesAbout[0].description", equalTo("Shouted at the meeting"))
                .body("document.norms.sanctions[0].sanctionId", equalTo(sanction.toString()))
                .body("document.metrics.engagement.activityCount", equalTo(2))
                .body("document.metrics.activities", hasSize(2))
                .body("document.metrics.activities[0].source", equalTo("forum"));
        Fixtures.asAdmin().get(exports + "/" + id).then().statusCode(200).body("status", equalTo("COMPLETE"));
        ben.as().get(exports + "/" + id).then().statusCode(403);
        ana.as().get(exports + "/" + UUID.randomUUID()).then().statusCode(404);

        // a part that names another member than its export's is dead-lettered with the reason
        UUID forged = UUID.randomUUID();
        EventsWriter.publish(NormsEvents.MEMBER_EXPORT_PART, ben.memberId().toString(), n.id(), new NormsExportPart(exportId,
                n.id(), ben.memberId(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), forged);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(LocalStack.get()
                .records(Topics.deadLetter(Topics.NORMS_EXPORTS, "members-service")).stream()
                .filter(r -> r.value() != null && r.value().contains(forged.toString()))
                .map(r -> r.header(Inbox.DLQ_REASON)).findFirst().orElse(null), equalTo(
                        "export " + id + " is not member " + ben.memberId() + "'s in network " + n.id())));

        // erasure takes the export with it
        ana.as().body(Map.of("reason", "OTHER")).post(n.path("/members/" + ana.memberId() + "/departure")).then().statusCode(200);
        ana.as().post(n.path("/members/" + ana.memberId() + "/erasure")).then().statusCode(200);
        ana.as().get(exports + "/" + id).then().statusCode(404);
        assertThat(LocalStack.get().query("members", "select count(*) from data_export where member_id = ?", ana.memberId())
                .get(0).get(0), equalTo(0L));
    }

    @Test
    void parts_that_arrive_at_once_complete_every_export_and_a_part_sent_twice_keeps_its_first_copy() {
        TestNetwork n = Fixtures.network();
        List<String[]> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Person p = Fixtures.join(n, "Parallel " + i);
            asked.add(new String[] {p.memberId().toString(), p.as().post(n.path("/members/" + p.memberId() + "/exports"))
                    .then().statusCode(202).extract().path("id")});
        }
        for (String[] a : asked) {
            UUID member = UUID.fromString(a[0]);
            UUID exportId = UUID.fromString(a[1]);
            publish(MetricsEvents.MEMBER_EXPORT_PART, member, n.id(), new MetricsExportPart(exportId, n.id(), member, null,
                    List.of(), List.of(), 0));
            publish(NormsEvents.MEMBER_EXPORT_PART, member, n.id(), new NormsExportPart(exportId, n.id(), member,
                    List.of(new NormsExportPart.Acknowledgement(1, AT)), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
            publish(NormsEvents.MEMBER_EXPORT_PART, member, n.id(), new NormsExportPart(exportId, n.id(), member,
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(LocalStack.get().query("members",
                "select count(*) from data_export where network_id = ? and completed_at is not null", n.id()).get(0).get(0),
                equalTo(6L)));
        for (String[] a : asked) {
            Fixtures.asAdmin().get(n.path("/members/" + a[0] + "/exports/" + a[1])).then().statusCode(200)
                    .body("status", equalTo("COMPLETE")).body("document.norms.acknowledgements", hasSize(1));
        }
    }

    @Test
    void the_platform_administrator_asks_on_a_members_behalf() {
        TestNetwork n = Fixtures.network();
        Person cai = Fixtures.join(n, "Cai");
        Fixtures.asAdmin().post(n.path("/members/" + cai.memberId() + "/exports")).then().statusCode(202)
                .body("memberId", equalTo(cai.memberId().toString())).body("status", equalTo("PENDING"));
        Fixtures.asAdmin().post(n.path("/members/" + UUID.randomUUID() + "/exports")).then().statusCode(404);
    }

    private static <T> void publish(dev.cohesion.events.EventType<T> type, UUID memberId, UUID networkId, T payload) {
        EventsWriter.publish(type, memberId.toString(), networkId, payload, UUID.randomUUID());
    }
}
