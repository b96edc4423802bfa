package dev.cohesion.metrics.service;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.EmailMatchKey;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.PartnerLink;
import dev.cohesion.events.members.Principal;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.metrics.Fixtures.TestPartner;
import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.kit.support.SafeContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Activities naming members by a partner's own identifier or e-mail (docs/partners.md#members-by-your-own-identifiers):
 * counted once when a link names the member, kept and reported while none does, counted once a link appears.
 */
@QuarkusTest
class PartnerIdentifiersIT {

    @Inject
    ActivityRetention retention;
    @Inject
    MeterRegistry registry;
    @Inject
    Vertx vertx;

    private static Map<String, Object> byExternalId(String externalId, String key, Instant at) {
        return Map.of("externalId", externalId, "type", "POSTED", "occurredAt", at.toString(), "idempotencyKey", key);
    }

    private static Map<String, Object> byEmail(String email, String key, Instant at) {
        return Map.of("email", email, "type", "POSTED", "occurredAt", at.toString(), "idempotencyKey", key);
    }

    /** members-service's profile of the member, as it stands with these links and e-mail key. */
    private static void profile(TestNetwork n, UUID member, String emailKey, List<PartnerLink> links) {
        Fixtures.publish(MembersEvents.MEMBER_PROFILE, member.toString(), n.id(), new MemberProfile(n.id(), member, "Ann", "Org",
                Constituency.OTHER, List.of(), new Principal(DevKeys.ISSUER, "user-" + member), Instant.now(), emailKey, links),
                UUID.randomUUID());
    }

    private static long countedFor(TestNetwork n, String key) {
        return (Long) LocalStack.get().query("metrics", "select count(*) from activity where network_id = ? and idempotency_key = ?",
                n.id(), key).get(0).get(0);
    }

    @Test
    void an_activity_by_a_linked_identifier_or_a_matchable_address_counts_for_its_member() {
        TestNetwork n = Fixtures.network();
        TestPartner p = n.partner("activities:write");
        UUID ann = Fixtures.member(n, "Ann", "Org", Instant.now().minus(Duration.ofDays(40)));
        UUID bo = Fixtures.member(n, "Bo", "Org", Instant.now().minus(Duration.ofDays(40)));
        profile(n, ann, null, List.of(new PartnerLink(p.id(), "forum-ann")));
        profile(n, bo, EmailMatchKey.of("bo@example.org"), List.of());
        await().atMost(Duration.ofSeconds(15)).until(() -> (Long) LocalStack.get().query("metrics",
                "select count(*) from partner_link where member_id = ?", ann).get(0).get(0) == 1L
                && LocalStack.get().query("metrics", "select email_match_key from member_identity where member_id = ?", bo).get(0).get(0) != null);

        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        Fixtures.as(p.token()).body(Map.of("activities", List.of(byExternalId("forum-ann", "x-1", at), byEmail(" BO@example.org", "x-2", at),
                        Map.of("memberId", ann.toString(), "externalId", "forum-ann", "type", "POSTED", "occurredAt", at.toString(),
                                "idempotencyKey", "x-3"))))
                .post(n.path("/activities")).then().statusCode(202).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("items[2].reason", equalTo("exactly one of memberId, externalId and email is required"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(Fixtures.counted(n, ann), equalTo(1L));
            assertThat(Fixtures.counted(n, bo), equalTo(1L));
        });

        // organisers name members by id only; another partner's identifiers are not this partner's
        n.asOrganiser().body(Map.of("activities", List.of(byExternalId("forum-ann", "x-4", at)))).post(n.path("/activities"))
                .then().statusCode(202).body("items[0].status", equalTo("REJECTED"))
                .body("items[0].reason", equalTo("externalId and email name members for partners only; send memberId"));
        TestPartner other = n.partner("activities:write");
        Fixtures.as(other.token()).body(Map.of("activities", List.of(byExternalId("forum-ann", "x-5", at)))).post(n.path("/activities"))
                .then().statusCode(202).body("items[0].status", equalTo("UNMATCHED"));
    }

    @Test
    void an_activity_that_names_nobody_is_kept_reported_and_counted_once_a_link_appears() {
        TestNetwork n = Fixtures.network();
        TestPartner p = n.partner("activities:write");
        UUID cy = Fixtures.member(n, "Cy", "Org", Instant.now().minus(Duration.ofDays(40)));
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        var items = List.of(byExternalId("forum-cy", "u-1", at), byEmail("cy@example.org", "u-2", at));
        Fixtures.as(p.token()).body(Map.of("activities", items)).post(n.path("/activities")).then().statusCode(202)
                .body("unmatched", equalTo(2)).body("accepted", equalTo(0)).body("items.status", equalTo(List.of("UNMATCHED", "UNMATCHED")));
        // sent again: still waiting, kept once
        Fixtures.as(p.token()).body(Map.of("activities", items)).post(n.path("/activities")).then().statusCode(202).body("unmatched", equalTo(2));
        Fixtures.as(p.token()).get(n.path("/unmatched-activities")).then().statusCode(200).body("count", equalTo(2))
                .body("sample[0].idempotencyKey", equalTo("u-1")).body("sample[0].externalId", equalTo("forum-cy"))
                .body("sample[1].byEmail", is(true)).body("sample[1].externalId", nullValue());
        n.asOrganiser().get(n.path("/unmatched-activities")).then().statusCode(200).body("count", equalTo(2));
        Fixtures.as(n.partner("activities:write").token()).get(n.path("/unmatched-activities")).then().statusCode(200).body("count", equalTo(0));
        Fixtures.as(n.memberToken(cy)).get(n.path("/unmatched-activities")).then().statusCode(403);

        // the links appear: both count, once, and nothing waits any more
        profile(n, cy, EmailMatchKey.of("cy@example.org"), List.of(new PartnerLink(p.id(), "forum-cy")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Fixtures.counted(n, cy), equalTo(2L)));
        Fixtures.as(p.token()).get(n.path("/unmatched-activities")).then().statusCode(200).body("count", equalTo(0));
        Fixtures.as(p.token()).body(Map.of("activities", items)).post(n.path("/activities")).then().statusCode(202)
                .body("duplicates", equalTo(2)).body("unmatched", equalTo(0));
        assertThat(countedFor(n, "u-1"), equalTo(1L));
        assertThat(countedFor(n, "u-2"), equalTo(1L));
        assertThat(Fixtures.counted(n, cy), equalTo(2L));
    }

    @Test
    void an_activity_kept_while_its_link_was_being_applied_is_matched_late_and_one_that_waits_too_long_is_dropped() {
        TestNetwork n = Fixtures.network();
        TestPartner p = n.partner("activities:write");
        UUID dee = Fixtures.member(n, "Dee", "Org", Instant.now().minus(Duration.ofDays(40)));
        profile(n, dee, null, List.of(new PartnerLink(p.id(), "forum-dee")));
        await().atMost(Duration.ofSeconds(15)).until(() -> (Long) LocalStack.get().query("metrics",
                "select count(*) from partner_link where member_id = ?", dee).get(0).get(0) == 1L);
        // what the door kept in the instant the profile was applied: neither transaction saw the other
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        LocalStack.get().query("metrics", """
                insert into unmatched_activity (network_id, idempotency_key, partner_id, external_id, type, occurred_at, source, received_at)
                values (?, 'late-1', ?, 'forum-dee', 'POSTED', ?, 'forum', now())""", n.id(), p.id(), java.sql.Timestamp.from(at));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Fixtures.counted(n, dee), equalTo(1L)));
        assertThat(countedFor(n, "late-1"), equalTo(1L));

        // nobody is ever linked to forum-nobody: after the window it is dropped and counted as such
        Fixtures.as(p.token()).body(Map.of("activities", List.of(byExternalId("forum-nobody", "gone-1", at)))).post(n.path("/activities"))
                .then().statusCode(202).body("unmatched", equalTo(1));
        double before = registry.counter("cohesion.activities.unmatched.expired").count();
        int dropped = SafeContext.run(vertx, () -> retention.dropExpiredUnmatched(Instant.now().plus(31, ChronoUnit.DAYS)))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(dropped >= 1, is(true));
        assertThat(registry.counter("cohesion.activities.unmatched.expired").count() - before, equalTo((double) dropped));
        Fixtures.as(p.token()).get(n.path("/unmatched-activities")).then().statusCode(200).body("count", equalTo(0));
    }
}
