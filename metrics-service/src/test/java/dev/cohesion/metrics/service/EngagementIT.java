package dev.cohesion.metrics.service;

import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.PurposeAdopted;
import dev.cohesion.events.members.Stance;
import dev.cohesion.events.members.StanceRecorded;
import dev.cohesion.events.members.Tally;
import dev.cohesion.events.norms.NormBookAcknowledged;
import dev.cohesion.events.norms.NormBookPublished;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.metrics.Fixtures;
import dev.cohesion.metrics.Fixtures.TestNetwork;
import dev.cohesion.metrics.domain.Segment;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Each score moves with the events that should move it, and is served with its parts. */
@QuarkusTest
class EngagementIT {

    @Test
    void participation_decays_with_a_30_day_half_life_and_is_served_with_its_parts() {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana", "Org A", Instant.now().minus(Duration.ofDays(200)));
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", Instant.now().minus(30, ChronoUnit.DAYS), "p-1");
        Fixtures.produceActivity(n, ana, "ATTENDED_EVENT", Instant.now().minus(1, ChronoUnit.MINUTES), "p-2");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ana + "/engagement"))
                .then().statusCode(200)
                .body("participation.value", Fixtures.near(5 * 0.5 + 3))
                .body("participation.halfLifeDays", equalTo(30.0f))
                .body("regularity.activeWeeksOfLast12", equalTo(2))
                .body("regularity.value", Fixtures.near(2 / 12.0))
                .body("active", equalTo(true)));
        Fixtures.as(n.memberToken(ana)).get(n.path("/members/" + ana + "/engagement")).then().statusCode(200);
        // the member's own view says the same
        Fixtures.as(n.memberToken(ana)).get(n.path("/me/engagement")).then().statusCode(200)
                .body("memberId", equalTo(ana.toString())).body("participation.value", Fixtures.near(5 * 0.5 + 3))
                .body("regularity.activeWeeksOfLast12", equalTo(2));
        Fixtures.as(Fixtures.callers().partnerWithEveryScope()).get(n.path("/me/engagement")).then().statusCode(404); // another network's partner
        UUID other = Fixtures.member(n, "Other", "Org B", Instant.now().minus(Duration.ofDays(40)));
        Fixtures.as(n.memberToken(other)).get(n.path("/members/" + ana + "/engagement")).then().statusCode(403)
                .body("rule", equalTo("own-record-only"));
    }

    @Test
    void an_erased_member_keeps_pseudonymous_figures_and_loses_name_organisation_and_sign_in() {
        TestNetwork n = Fixtures.network();
        UUID ana = Fixtures.member(n, "Ana Erasable", "Erasable Org", Instant.now().minus(Duration.ofDays(100)));
        Fixtures.produceActivity(n, ana, "CONTRIBUTED", Instant.now().minus(1, ChronoUnit.DAYS), "e-1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ana + "/engagement"))
                .then().statusCode(200).body("displayName", equalTo("Ana Erasable")).body("participation.value", Fixtures.near(5 * Math.pow(0.5, 1 / 30.0))));

        Fixtures.publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), ana, MemberStatus.ACTIVE,
                MemberStatus.LEFT, "OTHER", null, null, Instant.now()));
        Fixtures.publish(MembersEvents.MEMBER_ERASED, n.id(), new MemberErased(n.id(), ana, Instant.now()));
        LocalStack.get().write(Topics.MEMBER_PROFILES, ana.toString(), null);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ana + "/engagement"))
                .then().statusCode(200).body("displayName", equalTo("Erased member")).body("status", equalTo("LEFT"))
                .body("participation.value", Fixtures.near(5 * Math.pow(0.5, 1 / 30.0))));
        assertThat("no row of metrics-service holds the name or the organisation", LocalStack.get().query("metrics", """
                select count(*) from (select display_name t from member union all select organisation from member
                union all select display_name from member_identity union all select organisation from member_identity
                union all select body from health) x where strpos(t, 'Erasable') > 0""").get(0).get(0), equalTo(0L));
        Fixtures.as(n.memberToken(ana)).get(n.path("/members/" + ana + "/engagement")).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void an_endorsement_raises_commitment_and_a_sanction_lowers_trust() {
        TestNetwork n = Fixtures.network();
        UUID ben = Fixtures.member(n, "Ben", "Org B", Instant.now().minus(Duration.ofDays(400)));
        Fixtures.produceActivity(n, ben, "POSTED", Instant.now().minus(1, ChronoUnit.DAYS), "b-1");
        UUID purpose = UUID.randomUUID();
        Fixtures.publish(MembersEvents.PURPOSE_ADOPTED, n.id(), new PurposeAdopted(n.id(), purpose, 1, "Our purpose",
                new Tally(2, 2, 0, 0), null, Instant.now()));
        Fixtures.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new NormBookPublished(n.id(), 1, List.of(), Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ben + "/engagement"))
                .then().body("commitment.value", Fixtures.near(0.3 / 12)).body("commitment.endorsesPurpose", equalTo(false))
                .body("commitment.acknowledgedNormBook", equalTo(false)).body("trust.value", equalTo(1.0f)));

        Fixtures.publish(MembersEvents.STANCE_RECORDED, n.id(), new StanceRecorded(n.id(), purpose, ben, Stance.ENDORSE, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ben + "/engagement"))
                .then().body("commitment.value", Fixtures.near(0.4 + 0.3 / 12)).body("commitment.endorsesPurpose", equalTo(true))
                .body("commitment.weights.purpose", equalTo(0.4f)));

        Fixtures.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(), ben,
                SanctionRung.WARNING, SanctionRung.WARNING, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + ben + "/engagement"))
                .then().body("trust.value", Fixtures.near(0.85)).body("trust.penalties[0].rung", equalTo("WARNING"))
                .body("segment", equalTo("AT_RISK")));
    }

    @Test
    void a_member_without_activity_for_61_days_is_dormant_and_listed_by_the_re_engage_recommendation() {
        TestNetwork n = Fixtures.network();
        UUID dormant = Fixtures.member(n, "Dormant", "Org C", Instant.now().minus(Duration.ofDays(300)));
        UUID lively = Fixtures.member(n, "Lively", "Org D", Instant.now().minus(Duration.ofDays(300)));
        Fixtures.produceActivity(n, dormant, "POSTED", Instant.now().minus(61, ChronoUnit.DAYS), "d-1");
        Fixtures.produceActivity(n, lively, "POSTED", Instant.now().minus(1, ChronoUnit.DAYS), "l-1");
        Fixtures.produceActivity(n, n.organiserId(), "POSTED", Instant.now().minus(1, ChronoUnit.DAYS), "o-1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + dormant + "/engagement"))
                .then().body("segment", equalTo("DORMANT")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + lively + "/engagement"))
                .then().body("segment", equalTo("ENGAGED")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/recommendations")).then()
                .statusCode(200).body("kind", hasItem("RE_ENGAGE_DORMANT")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/recommendations/RE_ENGAGE_DORMANT/members"))
                .then().statusCode(200).body("items.memberId", equalTo(List.of(dormant.toString())))
                .body("items[0].displayName", equalTo("Dormant")));
        n.asOrganiser().queryParam("segment", "DORMANT").get(n.path("/engagement")).then()
                .body("items.memberId", equalTo(List.of(dormant.toString())));
    }

    @Test
    void each_segment_lists_exactly_the_members_whose_own_engagement_shows_that_segment() {
        // a list reads members a page at a time, narrowed in SQL for some segments, and applies the rule in Java: it must
        // agree with the member's own read
        TestNetwork n = Fixtures.network();
        Instant now = Instant.now();
        UUID core = Fixtures.member(n, "Core", "Org A", now.minus(Duration.ofDays(300)));
        for (int week = 0; week < 8; week++) {
            Fixtures.produceActivity(n, core, "CONTRIBUTED", now.minus(1 + 7L * week, ChronoUnit.DAYS), "c-" + week);
        }
        UUID engaged = Fixtures.member(n, "Engaged", "Org B", now.minus(Duration.ofDays(300)));
        Fixtures.produceActivity(n, engaged, "POSTED", now.minus(1, ChronoUnit.DAYS), "e-1");
        // joined 5 days ago, but active 40 days ago already: tenure counts from that activity, so not NEW
        UUID lateJoiner = Fixtures.member(n, "Late", "Org C", now.minus(Duration.ofDays(5)));
        Fixtures.produceActivity(n, lateJoiner, "POSTED", now.minus(40, ChronoUnit.DAYS), "l-1");
        Fixtures.produceActivity(n, lateJoiner, "POSTED", now.minus(2, ChronoUnit.DAYS), "l-2");
        UUID newbie = Fixtures.member(n, "Newbie", "Org D", now.minus(Duration.ofDays(5)));
        Fixtures.produceActivity(n, newbie, "POSTED", now.minus(1, ChronoUnit.DAYS), "n-1");
        UUID dormant = Fixtures.member(n, "Dormant", "Org E", now.minus(Duration.ofDays(300)));
        Fixtures.produceActivity(n, dormant, "POSTED", now.minus(61, ChronoUnit.DAYS), "d-1");
        Map<UUID, String> expected = Map.of(core, "CORE", engaged, "ENGAGED", lateJoiner, "ENGAGED", newbie, "NEW",
                dormant, "DORMANT", n.organiserId(), "DORMANT");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> expected.forEach((member, segment) ->
                n.asOrganiser().get(n.path("/members/" + member + "/engagement")).then().statusCode(200).body("segment", equalTo(segment))));
        for (Segment segment : Segment.values()) {
            List<String> listed = n.asOrganiser().queryParam("segment", segment.name()).queryParam("limit", 100).get(n.path("/engagement"))
                    .then().statusCode(200).extract().jsonPath().getList("items.memberId");
            List<String> ownRead = expected.entrySet().stream().filter(e -> e.getValue().equals(segment.name()))
                    .map(e -> e.getKey().toString()).sorted().toList();
            assertThat(segment + " list", listed, equalTo(ownRead));
        }
    }

    @Test
    void the_norm_book_reminder_lists_the_active_members_who_have_not_acknowledged_the_current_book_and_nobody_before_a_book() {
        TestNetwork n = Fixtures.network();
        UUID reader = Fixtures.member(n, "Reader", "Org E", Instant.now().minus(Duration.ofDays(300)));
        UUID late = Fixtures.member(n, "Late", "Org F", Instant.now().minus(Duration.ofDays(300)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().get(n.path("/members/" + late + "/engagement"))
                .then().statusCode(200));
        n.asOrganiser().get(n.path("/recommendations/REMIND_NORM_BOOK/members")).then().statusCode(200).body("items", equalTo(List.of()));

        Fixtures.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new NormBookPublished(n.id(), 1, List.of(), Instant.now()));
        Fixtures.publish(NormsEvents.NORM_BOOK_ACKNOWLEDGED, n.id(), new NormBookAcknowledged(n.id(), reader, 1, Instant.now()));
        List<String> expected = java.util.stream.Stream.of(n.organiserId(), late).map(UUID::toString).sorted().toList();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> n.asOrganiser().queryParam("limit", 1)
                .get(n.path("/recommendations/REMIND_NORM_BOOK/members")).then().statusCode(200)
                .body("items.memberId", equalTo(expected.subList(0, 1))).body("items[0].commitment.acknowledgedNormBook", equalTo(false)));
        String cursor = n.asOrganiser().queryParam("limit", 1).get(n.path("/recommendations/REMIND_NORM_BOOK/members")).then()
                .extract().path("nextCursor");
        n.asOrganiser().queryParam("limit", 1).queryParam("cursor", cursor).get(n.path("/recommendations/REMIND_NORM_BOOK/members")).then()
                .statusCode(200).body("items.memberId", equalTo(expected.subList(1, 2))).body("nextCursor", org.hamcrest.Matchers.nullValue());
    }
}
