package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NoticeKind;
import dev.cohesion.events.Topics;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormChangeDecided;
import dev.cohesion.events.norms.NormChangeKind;
import dev.cohesion.events.norms.NormChangeVoteCast;
import dev.cohesion.events.norms.NormChangeVoteClosing;
import dev.cohesion.events.norms.VoteOutcome;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.members.EventsWriter;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.mail.LocalMail;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Notices (docs/notifications.md): issued once, e-mailed to a real SMTP server, published, following preferences. */
@QuarkusTest
class NoticesIT {

    private static final LocalStack STACK = LocalStack.get();
    private static final LocalMail MAIL = STACK.mail();

    @Test
    void an_invitation_is_emailed_to_the_invitee_and_published_as_its_own_event() {
        TestNetwork n = Fixtures.network();
        String address = "invitee-" + UUID.randomUUID() + "@example.org";
        String invitation = n.organiser().as().body(Map.of("displayName", "Ines Invitee", "email", address, "constituency", "POLICY"))
                .post(n.path("/invitations")).then().statusCode(201).extract().path("id");

        LocalMail.Mail mail = awaitMails(address, 1).get(0);
        assertThat(mail.subject(), equalTo("[Network " + slug(n) + "] You are invited to join"));
        assertThat(mail.body(), containsString(invitation));
        JsonNode event = Fixtures.awaitEvent(n.id(), MembersEvents.NOTICES.get(NoticeKind.INVITATION));
        assertThat(event.path("memberId").asText(), equalTo(invitation));
        assertThat(event.path("about").asText(), equalTo("invitations/" + invitation));
        assertThat(event.toString(), not(containsString(address)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> n.organiser().as().get(n.path("/members/" + invitation + "/notices"))
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].kind", equalTo("INVITATION"))
                .body("items[0].status", equalTo("SENT")).body("items[0].sentAt", notNullValue()));
    }

    /** The end-to-end story: adoption, follow-up, a reconsider request by e-mail, the departure, alignment. */
    @Test
    void an_objector_is_asked_to_reconsider_by_email_and_leaves_with_the_reason_and_alignment_follows() {
        TestNetwork n = Fixtures.network();
        Person endorser = Fixtures.join(n, "Endorser");
        Person objector = Fixtures.join(n, "Objector");
        Person silent = Fixtures.join(n, "Silent");
        String purpose = SanctionEffectsIT.openConsultation(n);
        for (Person p : List.of(n.organiser(), endorser, objector, silent)) {
            assertThat(awaitMails(address(n, p), 1).get(0).subject(), containsString("Your view on our purpose"));
        }
        for (Person p : List.of(n.organiser(), endorser)) {
            p.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        }
        objector.as().body(Map.of("stance", "OBJECT", "reason", "Leaves out the practitioners"))
                .put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        n.organiser().as().post(n.path("/purposes/" + purpose + "/closure")).then().body("status", equalTo("ADOPTED"));

        n.organiser().as().body(Map.of()).post(n.path("/purposes/" + purpose + "/reconsideration-requests")).then().statusCode(202)
                .body("purposeId", equalTo(purpose)).body("requestedAt", notNullValue());
        LocalMail.Mail asked = awaitMails(address(n, objector), 2).get(1);
        assertThat(asked.subject(), containsString("Do you share our purpose?"));
        assertThat(asked.body(), containsString("does not share the purpose"));
        awaitMails(address(n, silent), 2);
        n.organiser().as().get(n.path("/purposes/" + purpose + "/follow-up")).then().statusCode(200)
                .body("items.find { it.memberId == '" + objector.memberId() + "' }.askedToReconsiderAt", notNullValue());
        List<JsonNode> published = Fixtures.awaitEvents(n.id(), MembersEvents.NOTICES.get(NoticeKind.RECONSIDER_PURPOSE), 2);
        assertThat(published.stream().map(e -> e.path("memberId").asText()).sorted().toList(),
                equalTo(List.of(objector.memberId().toString(), silent.memberId().toString()).stream().sorted().toList()));

        // asked again: nobody is asked twice, the endorser never
        n.organiser().as().body(Map.of("memberIds", List.of(objector.memberId(), endorser.memberId())))
                .post(n.path("/purposes/" + purpose + "/reconsideration-requests")).then().statusCode(202);
        awaitFanoutsDone(n);
        assertThat(MAIL.receivedBy(address(n, objector)), hasSize(2));
        assertThat(MAIL.receivedBy(address(n, endorser)), hasSize(1));

        objector.as().body(Map.of("reason", "DOES_NOT_SHARE_PURPOSE")).post(n.path("/members/" + objector.memberId() + "/departure"))
                .then().statusCode(200).body("status", equalTo("LEFT"));
        n.organiser().as().get(n.path("/purposes/" + purpose + "/follow-up")).then()
                .body("items.memberId", equalTo(List.of(silent.memberId().toString())));
        n.organiser().as().get(n.path("/alignment")).then().body("objecting", equalTo(0)).body("endorsing", equalTo(2))
                .body("activeMembers", equalTo(3));

        // only the adopted version's objectors are asked
        String draft = n.organiser().as().body(Map.of("statement", "Next")).post(n.path("/purposes")).then().extract().path("id");
        n.organiser().as().body(Map.of()).post(n.path("/purposes/" + draft + "/reconsideration-requests")).then().statusCode(409)
                .body("currentState", equalTo("DRAFT"));
        endorser.as().body(Map.of()).post(n.path("/purposes/" + purpose + "/reconsideration-requests")).then().statusCode(403);
    }

    @Test
    void preferences_mute_a_kind_and_turn_email_off_but_a_sanction_is_always_emailed_and_only_once() {
        TestNetwork n = Fixtures.network();
        Person quiet = Fixtures.join(n, "Quiet");
        Person other = Fixtures.join(n, "Other");
        String etag = quiet.as().get(n.path("/members/" + quiet.memberId() + "/notice-preferences")).then().statusCode(200)
                .body("email", equalTo(true)).body("digest", equalTo(false)).body("muted", empty())
                .body("mandatory", hasItem("SANCTION_APPLIED")).extract().header("ETag");
        quiet.as().body(Map.of("email", true, "digest", false, "muted", List.of("SANCTION_APPLIED")))
                .put(n.path("/members/" + quiet.memberId() + "/notice-preferences")).then().statusCode(400)
                .body("errors[0].field", equalTo("muted")).body("errors[0].message", containsString("SANCTION_APPLIED"));
        String newer = quiet.as().header("If-Match", etag).body(Map.of("email", false, "digest", false, "muted", List.of("CONSULTATION_OPENED")))
                .put(n.path("/members/" + quiet.memberId() + "/notice-preferences")).then().statusCode(200)
                .body("email", equalTo(false)).body("muted", equalTo(List.of("CONSULTATION_OPENED"))).extract().header("ETag");
        assertThat(newer, not(equalTo(etag)));
        quiet.as().header("If-Match", etag).body(Map.of("email", true, "digest", false))
                .put(n.path("/members/" + quiet.memberId() + "/notice-preferences")).then().statusCode(412);
        n.organiser().as().get(n.path("/members/" + quiet.memberId() + "/notice-preferences")).then().statusCode(403);
        other.as().get(n.path("/members/" + quiet.memberId() + "/notices")).then().statusCode(403);

        SanctionEffectsIT.openConsultation(n);
        EventsWriter.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new NormBookPublished(n.id(), 2, List.of(), Instant.now()));
        awaitMails(address(n, other), 2);
        awaitFanoutsDone(n);
        // muted: no notice at all; e-mail off: recorded and published, not e-mailed
        quiet.as().get(n.path("/members/" + quiet.memberId() + "/notices")).then().statusCode(200)
                .body("items.kind", equalTo(List.of("NORM_BOOK_TO_ACKNOWLEDGE"))).body("items[0].status", equalTo("NOT_EMAILED"))
                .body("items[0].about", equalTo("norm-book/2"));

        UUID sanction = UUID.randomUUID();
        Instant appealUntil = Instant.parse("2031-03-21T09:30:00Z");
        SanctionApplied applied = new SanctionApplied(n.id(), sanction, UUID.randomUUID(), quiet.memberId(), SanctionRung.WARNING,
                SanctionRung.WARNING, Instant.now(), null, appealUntil);
        UUID eventId = EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), applied);
        LocalMail.Mail warned = awaitMails(address(n, quiet), 1).get(0);
        assertThat(warned.subject(), containsString("A sanction was applied to you"));
        assertThat(warned.body(), containsString("You may appeal it until 21 March 2031, 09:30 UTC."));
        quiet.as().get(n.path("/members/" + quiet.memberId() + "/notices")).then().statusCode(200)
                .body("items[0].about", equalTo("sanctions/" + sanction)).body("items[0].dueAt", equalTo("2031-03-21T09:30:00Z"))
                .body("items[1].dueAt", nullValue());
        // redelivered: no second notice, no second e-mail
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), applied, eventId);
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), applied);
        // an event from before it carried the deadline: the e-mail names none rather than a wrong one
        UUID later = UUID.randomUUID();
        EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), later,
                UUID.randomUUID(), quiet.memberId(), SanctionRung.WARNING, SanctionRung.WARNING, Instant.now(), null, null));
        LocalMail.Mail older = awaitMails(address(n, quiet), 2).get(1); // every record before it was consumed
        assertThat(older.body(), containsString("You may appeal it within the network's appeal window"));
        assertThat(STACK.query("members", "select count(*) from notice where member_id = ? and about = ?",
                quiet.memberId(), "sanctions/" + sanction).get(0).get(0), equalTo(1L));
        assertThat(MAIL.receivedBy(address(n, quiet)), hasSize(2));
    }

    @Test
    void a_digest_gathers_a_members_pending_notices_in_one_email_once_the_oldest_is_due() {
        TestNetwork n = Fixtures.network();
        Person reader = Fixtures.join(n, "Reader");
        reader.as().body(Map.of("email", true, "digest", true))
                .put(n.path("/members/" + reader.memberId() + "/notice-preferences")).then().statusCode(200).body("digest", equalTo(true));
        SanctionEffectsIT.openConsultation(n);
        EventsWriter.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new NormBookPublished(n.id(), 3, List.of(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> reader.as().get(n.path("/members/" + reader.memberId() + "/notices"))
                .then().body("items", hasSize(2)).body("items.status", equalTo(List.of("PENDING", "PENDING")))
                .body("items.digest", equalTo(List.of(true, true))));
        assertThat(MAIL.receivedBy(address(n, reader)), empty());

        // the digest period (an hour in the tests) passes for the older one
        STACK.query("members", "update notice set created_at = created_at - interval '2 hours' where member_id = ? and kind = ?",
                reader.memberId(), "CONSULTATION_OPENED");
        LocalMail.Mail digest = awaitMails(address(n, reader), 1).get(0);
        assertThat(digest.subject(), equalTo("[Network " + slug(n) + "] 2 notices"));
        assertThat(digest.body(), containsString("consulting its members"));
        assertThat(digest.body(), containsString("new version of its norms"));
        reader.as().get(n.path("/members/" + reader.memberId() + "/notices")).then()
                .body("items.status", equalTo(List.of("SENT", "SENT")));
    }

    @Test
    void members_without_a_stance_are_reminded_once_when_a_consultation_closes_within_two_days() {
        TestNetwork n = Fixtures.network();
        Person voter = Fixtures.join(n, "Voter");
        Person late = Fixtures.join(n, "Late");
        String purpose = n.organiser().as().body(Map.of("statement", "Long consultation")).post(n.path("/purposes"))
                .then().statusCode(201).extract().path("id");
        n.organiser().as().body(Map.of("closesAt", Instant.now().plus(10, ChronoUnit.DAYS).toString()))
                .post(n.path("/purposes/" + purpose + "/consultation")).then().statusCode(200);
        awaitMails(address(n, voter), 1);
        awaitMails(address(n, late), 1);
        voter.as().body(Map.of("stance", "ENDORSE")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);
        n.organiser().as().body(Map.of("stance", "ABSTAIN")).put(n.path("/purposes/" + purpose + "/stances/mine")).then().statusCode(200);

        // eight days later (moved in the database, so that the outcome does not depend on the clock)
        STACK.query("members", "update purpose set opens_at = opens_at - interval '8 days', closes_at = closes_at - interval '8 days' "
                + "where id = cast(? as uuid)", purpose);
        LocalMail.Mail reminder = awaitMails(address(n, late), 2).get(1);
        assertThat(reminder.subject(), containsString("closes soon"));
        awaitFanoutsDone(n);
        assertThat(MAIL.receivedBy(address(n, voter)), hasSize(1));
        assertThat(STACK.query("members", "select count(*) from notice_fanout where network_id = ? and kind = 'CONSULTATION_CLOSING'",
                n.id()).get(0).get(0), equalTo(1L));
    }

    @Test
    void a_vote_closing_soon_reminds_those_who_have_not_voted_and_a_periodic_renewal_asks_everyone_again() {
        TestNetwork n = Fixtures.network();
        Person voter = Fixtures.join(n, "Voter");
        Person silent = Fixtures.join(n, "Silent");
        UUID proposal = UUID.randomUUID();
        EventsWriter.publish(NormsEvents.NORM_CHANGE_VOTE_CAST, n.id(), new NormChangeVoteCast(n.id(), proposal, voter.memberId(), Instant.now()));
        EventsWriter.publish(NormsEvents.NORM_CHANGE_VOTE_CAST, n.id(),
                new NormChangeVoteCast(n.id(), proposal, n.organiser().memberId(), Instant.now()));
        NormChangeVoteClosing closing = new NormChangeVoteClosing(n.id(), proposal, "N-01", Instant.now().plus(30, ChronoUnit.HOURS), Instant.now());
        EventsWriter.publish(NormsEvents.NORM_CHANGE_VOTE_CLOSING, n.id(), closing);

        LocalMail.Mail reminder = awaitMails(address(n, silent), 1).get(0);
        assertThat(reminder.subject(), equalTo("[Network " + slug(n) + "] A vote on our norms closes soon"));
        assertThat(reminder.body(), containsString("you have not voted yet"));
        JsonNode event = Fixtures.awaitEvent(n.id(), MembersEvents.NOTICES.get(NoticeKind.VOTE_CLOSING));
        assertThat(event.path("memberId").asText(), equalTo(silent.memberId().toString()));
        assertThat(event.path("about").asText(), equalTo("norm-changes/" + proposal));

        // redelivered (a new event id): nobody is reminded twice; the renewal after it reaches every active member
        EventsWriter.publish(NormsEvents.NORM_CHANGE_VOTE_CLOSING, n.id(), closing);
        EventsWriter.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new NormBookPublished(n.id(), 4, List.of(), Instant.now(), true));
        LocalMail.Mail renewal = awaitMails(address(n, voter), 1).get(0);
        assertThat(renewal.subject(), equalTo("[Network " + slug(n) + "] Time to acknowledge our norms again"));
        assertThat(renewal.body(), containsString("They have not changed"));
        awaitMails(address(n, silent), 2);
        awaitFanoutsDone(n);
        silent.as().get(n.path("/members/" + silent.memberId() + "/notices")).then().statusCode(200)
                .body("items.kind", equalTo(List.of("NORM_BOOK_RENEWAL", "VOTE_CLOSING")))
                .body("items.about", equalTo(List.of("norm-book/4", "norm-changes/" + proposal)));
        voter.as().get(n.path("/members/" + voter.memberId() + "/notices")).then().body("items.kind", equalTo(List.of("NORM_BOOK_RENEWAL")));

        // a vote by someone who is not a member of the network is dead-lettered with the reason, not kept
        UUID stranger = UUID.randomUUID();
        UUID strangerVote = EventsWriter.publish(NormsEvents.NORM_CHANGE_VOTE_CAST, n.id(),
                new NormChangeVoteCast(n.id(), proposal, stranger, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(STACK.records(Topics.deadLetter(Topics.NORMS, "members-service"))
                .stream().filter(r -> r.value() != null && r.value().contains(strangerVote.toString()))
                .map(r -> r.header(Inbox.DLQ_REASON)).findFirst().orElse(null), equalTo("cohesion.norms.norm-change-vote-cast.v1 names "
                        + stranger + ", who is not a member of network " + n.id())));

        // decided: who voted is forgotten
        EventsWriter.publish(NormsEvents.NORM_CHANGE_DECIDED, n.id(), new NormChangeDecided(n.id(), proposal, NormChangeKind.ADD,
                null, VoteOutcome.REJECTED, 3, 1, 0, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> STACK.query("members",
                "select count(*) from norm_change_voter where proposal_id = cast(? as uuid)", proposal.toString()).get(0).get(0).equals(0L));
    }

    private static List<LocalMail.Mail> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.receivedBy(address).size() >= count);
        List<LocalMail.Mail> mails = MAIL.receivedBy(address);
        assertThat(address + " received " + mails, mails, hasSize(count));
        return mails;
    }

    private static void awaitFanoutsDone(TestNetwork n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> STACK.query("members",
                "select count(*) from notice_fanout where network_id = ? and done_at is null", n.id()).get(0).get(0).equals(0L));
        await().atMost(Duration.ofSeconds(30)).until(() -> STACK.query("members",
                "select count(*) from notice where network_id = ? and status in ('PENDING', 'SENDING') and not digest", n.id())
                .get(0).get(0).equals(0L));
    }

    private static String address(TestNetwork n, Person p) {
        return p.equals(n.organiser()) ? slug(n) + "@example.org" : p.subject() + "@example.org";
    }

    private static String slug(TestNetwork n) {
        return STACK.query("members", "select slug from network where id = ?", n.id()).get(0).get(0).toString();
    }
}
