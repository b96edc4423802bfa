package dev.cohesion.e2e;

import dev.cohesion.e2e.RunningSystem.Member;
import dev.cohesion.stack.mail.LocalMail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static dev.cohesion.stack.process.CohesionService.METRICS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The objectors' follow-up across the system (docs/notifications.md, docs/engagement-model.md#reconsideration): after
 * an adoption an organiser asks an objector to reconsider, the e-mail reaches the SMTP server, the objector leaves
 * because they do not share the purpose, and alignment follows in members-service and in metrics-service's health,
 * which also counts how the request was answered.
 */
class ObjectorFollowUpE2EIT {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void an_objector_asked_to_reconsider_gets_the_email_leaves_for_the_purpose_and_alignment_follows() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String olgaSubject = "user-" + UUID.randomUUID();
        String olga = system.stack().tokens(olgaSubject).sign();
        String network = system.network("follow-up-" + suffix, olgaSubject);
        String base = "/api/v1/networks/" + network;
        Member ana = system.join(base, olga, "Ana " + suffix, "ana-" + suffix + "@example.org", "Org A");
        Member ben = system.join(base, olga, "Ben " + suffix, "ben-" + suffix + "@example.org", "Org B");
        String xanAddress = "xan-" + suffix + "@example.org";
        Member xan = system.join(base, olga, "Xan " + suffix, xanAddress, "Org X");
        Member sam = system.join(base, olga, "Sam " + suffix, "sam-" + suffix + "@example.org", "Org S");

        String purpose = system.as(MEMBERS, olga).body(Map.of("statement", "Make practice and research meet."))
                .post(base + "/purposes").then().statusCode(201).extract().path("id");
        system.as(MEMBERS, olga).body(Map.of("closesAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()))
                .post(base + "/purposes/" + purpose + "/consultation").then().statusCode(200);
        for (String token : List.of(olga, ana.token(), ben.token())) {
            system.as(MEMBERS, token).body(Map.of("stance", "ENDORSE")).put(base + "/purposes/" + purpose + "/stances/mine")
                    .then().statusCode(200);
        }
        system.as(MEMBERS, xan.token()).body(Map.of("stance", "OBJECT", "reason", "Research only"))
                .put(base + "/purposes/" + purpose + "/stances/mine").then().statusCode(200);
        system.as(MEMBERS, olga).post(base + "/purposes/" + purpose + "/closure").then().statusCode(200).body("status", equalTo("ADOPTED"));
        system.as(MEMBERS, olga).get(base + "/purposes/" + purpose + "/follow-up").then().statusCode(200)
                .body("items.memberId", equalTo(List.of(xan.id(), sam.id()).stream().sorted().toList()));

        // the organiser asks the objector; the e-mail reaches the SMTP server
        system.as(MEMBERS, olga).body(Map.of("memberIds", List.of(xan.id())))
                .post(base + "/purposes/" + purpose + "/reconsideration-requests").then().statusCode(202);
        LocalMail.Mail asked = await().atMost(Duration.ofSeconds(30)).until(() -> system.stack().mail().receivedBy(xanAddress).stream()
                .filter(m -> m.subject().endsWith("Do you share our purpose?")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(asked.body(), containsString("does not share the purpose"));
        system.as(MEMBERS, olga).get(base + "/purposes/" + purpose + "/follow-up").then()
                .body("items.find { it.memberId == '" + xan.id() + "' }.askedToReconsiderAt", notNullValue())
                .body("items.find { it.memberId == '" + sam.id() + "' }.askedToReconsiderAt", nullValue());

        // the objector leaves because they do not share it
        system.as(MEMBERS, xan.token()).body(Map.of("reason", "DOES_NOT_SHARE_PURPOSE"))
                .post(base + "/members/" + xan.id() + "/departure").then().statusCode(200).body("status", equalTo("LEFT"));
        system.as(MEMBERS, olga).get(base + "/alignment").then().statusCode(200).body("activeMembers", equalTo(4))
                .body("endorsing", equalTo(3)).body("objecting", equalTo(0)).body("silent", equalTo(1))
                .body("alignmentRate", equalTo(0.75f));
        system.as(MEMBERS, olga).get(base + "/purposes/" + purpose + "/follow-up").then()
                .body("items.memberId", equalTo(List.of(sam.id())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.as(METRICS, olga).get(base + "/health").then().statusCode(200)
                .body("purposeAlignment", equalTo(0.75f)).body("reconsideration.asked", equalTo(1))
                .body("reconsideration.left", equalTo(1)).body("reconsideration.unanswered", equalTo(0))
                .body("recommendations.kind", not(hasItem("FOLLOW_UP_RECONSIDERATION"))));
        assertThat(system.stack().mail().receivedBy("sam-" + suffix + "@example.org").stream()
                .filter(m -> m.subject().endsWith("Do you share our purpose?")).toList(), hasSize(0));
    }
}
