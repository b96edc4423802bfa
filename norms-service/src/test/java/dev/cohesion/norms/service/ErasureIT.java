package dev.cohesion.norms.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import dev.cohesion.norms.repository.PersonalText;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * An erasure reaches norms-service: the member's name and sign-in link are deleted, what they wrote and what was
 * written about them is redacted, the cases' facts stay, and other members' text is untouched (docs/privacy.md).
 */
@QuarkusTest
class ErasureIT {

    @Test
    void an_erased_member_leaves_facts_but_no_name_and_no_free_text() {
        TestNetwork n = Fixtures.network();
        Person sam = Fixtures.member(n, "Sam Erasable");
        Person rita = Fixtures.member(n, "Rita Reporter");
        Person bo = Fixtures.member(n, "Bo Bystander");
        String norm = Fixtures.activeNorm(n, "N-01", "MEDIUM");
        String aboutSam = rita.as().body(Map.of("subjectMemberId", sam.memberId(), "normId", norm, "normVersion", 1,
                "description", "Rita says Sam Erasable shouted")).post(n.path("/breach-reports")).then().statusCode(201)
                .extract().path("id");
        String bySam = sam.as().body(Map.of("subjectMemberId", bo.memberId(), "normId", norm, "normVersion", 1,
                "description", "Sam Erasable reports Bo")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        String byRita = rita.as().body(Map.of("subjectMemberId", bo.memberId(), "normId", norm, "normVersion", 1,
                "description", "Rita reports Bo too")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        String upheld = Fixtures.upheldCase(n, norm, sam);
        String sanction = n.secondOrganiser().as().body(Map.of("rung", "CORRECTION", "noteToMember", "Sam, cite Rita next time"))
                .post(n.path("/cases/" + upheld + "/sanction"))
                .then().statusCode(201).extract().path("id");
        String appeal = sam.as().body(Map.of("text", "Sam Erasable appeals")).post(n.path("/sanctions/" + sanction + "/appeal"))
                .then().statusCode(201).extract().path("id");

        Fixtures.changeStatus(n, sam, MemberStatus.ACTIVE, MemberStatus.LEFT);
        Fixtures.erase(n, sam);

        LocalStack stack = LocalStack.get();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stack.query("norms",
                "select count(*) from member_identity where member_id = ?", sam.memberId()).get(0).get(0), equalTo(0L)));
        String redacted = PersonalText.REDACTED;
        assertThat(description(aboutSam), equalTo(redacted));
        assertThat(description(bySam), equalTo(redacted));
        assertThat(description(upheld), equalTo(redacted));
        assertThat("other members' text about others stays", description(byRita), equalTo("Rita reports Bo too"));
        assertThat(stack.query("norms", "select text, status from appeal where id = ?", java.util.UUID.fromString(appeal)).get(0),
                equalTo(List.of(redacted, "OPEN")));
        assertThat("the sanction's facts stay", stack.query("norms", "select rung, reasoning, note_to_member from sanction where id = ?",
                java.util.UUID.fromString(sanction)).get(0), equalTo(List.of("CORRECTION", redacted, redacted)));
        assertThat(stack.query("norms", "select status from breach_case where id = ?", java.util.UUID.fromString(upheld)).get(0).get(0),
                equalTo("UPHELD"));
        assertThat("no row of norms-service holds the name", stack.query("norms", """
                select count(*) from (select description t from breach_case union all select note from case_history
                union all select text from appeal union all select reasoning from sanction
                union all select display_name from member_identity) x where strpos(t, 'Sam Erasable') > 0""").get(0).get(0), equalTo(0L));
        n.organiser().as().get(n.path("/cases/" + aboutSam)).then().statusCode(200).body("description", equalTo(redacted))
                .body("subjectMemberId", equalTo(sam.memberId().toString()));

        List<TopicRecords.Record> deadLetters = stack.records(Topics.deadLetter(Topics.MEMBER_PROFILES, "norms-service"));
        assertThat("a tombstone for the member on the dead-letter topic of profiles",
                deadLetters.stream().filter(r -> sam.memberId().toString().equals(r.key())).map(r -> r.value() == null).toList(),
                hasItem(true));
        assertThat(deadLetters.stream().filter(r -> r.value() != null).map(TopicRecords.Record::value).toList(),
                not(hasItem(org.hamcrest.Matchers.containsString("Sam Erasable"))));
        sam.as().get(n.path("/cases")).then().statusCode(404).contentType("application/problem+json");
    }

    private static Object description(String caseId) {
        List<List<Object>> rows = LocalStack.get().query("norms", "select description from breach_case where id = ?",
                java.util.UUID.fromString(caseId));
        assertThat(rows.get(0).get(0), not(nullValue()));
        return rows.get(0).get(0);
    }
}
