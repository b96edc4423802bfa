package dev.cohesion.members.service;

import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.mail.LocalMail;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Bulk invitations (docs/bulk-invitations.md): a CSV, a job with progress, a result per row, nothing done twice. */
@QuarkusTest
class InvitationImportIT {

    private static final LocalMail MAIL = LocalStack.get().mail();

    @Test
    void a_csv_invites_each_valid_row_once_and_says_what_became_of_every_other() {
        TestNetwork n = Fixtures.network();
        String slug = LocalStack.get().query("members", "select slug from network where id = ?", n.id()).get(0).get(0).toString();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "displayName,email,constituency,organisation,interests\n"
                + "Ana Lopes,ana-" + tag + "@example.org,ACADEMIC,Uni Lisboa,policy;ethics\n"
                + "Ben Okafor,ben-" + tag + "@example.org,PRACTITIONER,,\n"
                + "\"Chloé, Jr.\",chloe-" + tag + "@example.org,POLICY,\"Ministry, Dept. 2\",\n"
                + "Ben Again,BEN-" + tag + "@example.org,PRACTITIONER,,\n"
                + "Olga Herself," + slug + "@example.org,ACADEMIC,,\n"
                + "Dan Broken,not-an-address,OTHER,,\n"
                + "Eve Unknown,eve-" + tag + "@example.org,ASTRONAUT,,\n"
                + ",nameless-" + tag + "@example.org,OTHER,,\n";
        Response uploaded = upload(n.organiser(), n, csv);
        uploaded.then().statusCode(202).header("Location", containsString("/invitation-imports/")).body("total", equalTo(8));
        String id = uploaded.jsonPath().getString("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> n.organiser().as().get(n.path("/invitation-imports/" + id))
                .then().statusCode(200).body("status", equalTo("DONE")).body("processed", equalTo(8)).body("invited", equalTo(3))
                .body("alreadyMember", equalTo(2)).body("invalid", equalTo(3)).body("finishedAt", notNullValue()));

        n.organiser().as().queryParam("result", "INVALID").get(n.path("/invitation-imports/" + id + "/rows")).then().statusCode(200)
                .body("items.line", equalTo(List.of(7, 8, 9)))
                .body("items[0].reason", containsString("email"))
                .body("items[1].reason", containsString("constituency: must be one of"))
                .body("items[2].reason", containsString("displayName"));
        n.organiser().as().queryParam("result", "ALREADY_MEMBER").get(n.path("/invitation-imports/" + id + "/rows")).then()
                .body("items.line", equalTo(List.of(5, 6))).body("items[0].reason", containsString("INVITED"))
                .body("items[1].memberId", equalTo(n.organiser().memberId().toString()));
        String ana = n.organiser().as().queryParam("limit", 1).get(n.path("/invitation-imports/" + id + "/rows")).then()
                .body("items[0].result", equalTo("INVITED")).body("nextCursor", notNullValue()).extract().path("items[0].memberId");
        n.organiser().as().get(n.path("/members/" + ana)).then().statusCode(200).body("status", equalTo("INVITED"))
                .body("organisation", equalTo("Uni Lisboa")).body("interests", equalTo(List.of("policy", "ethics")));
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.receivedBy("chloe-" + tag + "@example.org").size() == 1
                && MAIL.receivedBy("ana-" + tag + "@example.org").size() == 1);
        assertThat(MAIL.receivedBy("ana-" + tag + "@example.org").get(0).body(), containsString(ana));
        assertThat(MAIL.receivedBy("ben-" + tag + "@example.org"), hasSize(1));

        // the same file again (another line ending): the same import, nobody invited twice
        upload(n.organiser(), n, csv.replace("\n", "\r\n")).then().statusCode(202).body("id", equalTo(id)).body("invited", equalTo(3));
        assertThat(LocalStack.get().query("members", "select count(*) from member where network_id = ? and status = 'INVITED'", n.id())
                .get(0).get(0), equalTo(3L));
    }

    @Test
    void a_file_of_several_pages_is_invited_page_by_page_and_what_is_not_such_a_file_is_refused_whole() {
        TestNetwork n = Fixtures.network();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String rows = IntStream.range(0, 450).mapToObj(i -> "Person " + i + ",p" + i + "-" + tag + "@example.org,OTHER")
                .collect(Collectors.joining("\n"));
        String id = upload(n.organiser(), n, "displayName,email,constituency\n" + rows).then().statusCode(202)
                .body("status", equalTo("RUNNING")).body("processed", equalTo(0)).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> n.organiser().as().get(n.path("/invitation-imports/" + id)).then()
                .body("status", equalTo("DONE")).body("invited", equalTo(450)));

        upload(n.organiser(), n, "name,email\nAna,ana@example.org\n").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].message", containsString("missing [displayName, constituency]"));
        upload(n.organiser(), n, "").then().statusCode(400).body("errors[0].message", containsString("is empty"));
        upload(n.organiser(), n, "displayName,email,constituency\n").then().statusCode(202).body("status", equalTo("DONE"))
                .body("total", equalTo(0)).body("finishedAt", notNullValue());
        n.organiser().as().body(Map.of("displayName", "x")).post(n.path("/invitation-imports")).then().statusCode(415);
        Person member = Fixtures.join(n, "Member");
        upload(member, n, "displayName,email,constituency\nA,a@example.org,OTHER\n").then().statusCode(403);
        n.organiser().as().get(n.path("/invitation-imports/" + UUID.randomUUID())).then().statusCode(404);
        n.organiser().as().queryParam("cursor", "bm90LWEtbnVtYmVy").get(n.path("/invitation-imports/" + id + "/rows")).then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        n.organiser().as().queryParam("result", "INVITED").queryParam("limit", 200).get(n.path("/invitation-imports/" + id + "/rows"))
                .then().body("items", hasSize(200)).body("items[0].reason", nullValue());
    }

    private static Response upload(Person organiser, TestNetwork n, String csv) {
        return organiser.as().contentType("text/csv; charset=UTF-8").body(csv).post(n.path("/invitation-imports"));
    }
}
