package dev.cohesion.metrics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The engagement export: the same members, segments and values as the engagement reads, as CSV and JSON. */
@QuarkusTest
class EngagementExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_export_holds_what_the_engagement_list_says_member_by_member() throws Exception {
        TestNetwork n = Fixtures.network();
        UUID busy = Fixtures.member(n, "Busy", "Org A", Instant.now().minus(Duration.ofDays(200)));
        UUID quiet = Fixtures.member(n, "Quiet", "Org B", Instant.now().minus(Duration.ofDays(200)));
        for (int i = 0; i < 6; i++) {
            Fixtures.produceActivity(n, busy, "CONTRIBUTED", Instant.now().minus(Duration.ofDays(i * 7L)), "e-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.counted(n, busy) == 6);

        JsonNode list = JSON.readTree(n.asOrganiser().queryParam("limit", 200).get(n.path("/engagement")).then().statusCode(200)
                .extract().asString()).path("items");
        JsonNode export = JSON.readTree(n.asOrganiser().accept("application/json").get(n.path("/exports/engagement")).then()
                .statusCode(200).contentType(startsWith("application/json")).extract().asString());
        assertThat(export.size(), equalTo(3));
        assertThat(list.size(), equalTo(3));
        for (int i = 0; i < 3; i++) {
            JsonNode read = list.get(i);
            JsonNode row = export.get(i);
            assertThat(row.path("memberId").asText(), equalTo(read.path("memberId").asText()));
            assertThat(row.path("displayName").asText(), equalTo(read.path("displayName").asText()));
            assertThat(row.path("segment").asText(), equalTo(read.path("segment").asText()));
            assertThat(row.path("participation").asDouble(), closeTo(read.path("participation").path("value").asDouble(), 0.01));
            assertThat(row.path("trust").asDouble(), closeTo(read.path("trust").path("value").asDouble(), 0.001));
            assertThat(row.path("regularity").asDouble(), closeTo(read.path("regularity").path("value").asDouble(), 0.001));
        }
        JsonNode busyRow = null;
        for (JsonNode row : export) {
            if (row.path("memberId").asText().equals(busy.toString())) {
                busyRow = row;
            }
        }
        assertThat(busyRow.path("regularity").asDouble(), closeTo(6 / 12.0, 0.001));

        String segment = busyRow.path("segment").asText();
        JsonNode oneSegment = JSON.readTree(n.asOrganiser().queryParam("segment", segment).get(n.path("/exports/engagement"))
                .then().statusCode(200).extract().asString());
        List<String> ids = new ArrayList<>();
        oneSegment.forEach(r -> {
            assertThat(r.path("segment").asText(), equalTo(segment));
            ids.add(r.path("memberId").asText());
        });
        assertThat(ids.contains(busy.toString()), equalTo(true));

        String csv = n.asOrganiser().accept("text/csv").get(n.path("/exports/engagement")).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", equalTo("attachment; filename=\"engagement.csv\""))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0], equalTo("memberId,displayName,status,segment,active,lastActivityAt,participation,regularity,"
                + "commitment,trust,endorsesPurpose,acknowledgedNormBook"));
        assertThat(lines.length, equalTo(4));
        Fixtures.as(n.memberToken(quiet)).get(n.path("/exports/engagement")).then().statusCode(403);
        n.asOrganiser().queryParam("segment", "NOT_A_SEGMENT").get(n.path("/exports/engagement")).then().statusCode(400);
    }
}
