package dev.cohesion.members.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.metrics.Circle;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.NetworkHealthChanged;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.SanctionApplied;
import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.members.EventsWriter;
import dev.cohesion.members.Fixtures;
import dev.cohesion.members.Fixtures.Person;
import dev.cohesion.members.Fixtures.TestNetwork;
import dev.cohesion.stack.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.members.Fixtures.awaitEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Partners' webhooks (docs/partners.md), delivered to a real HTTP endpoint on this machine. */
@QuarkusTest
class WebhookIT {

    /** A partner registered by the organiser: its id and client-credentials token. */
    record TestPartner(String id, String token) {
    }

    static TestPartner partner(TestNetwork n, String... scopes) {
        String client = "partner-" + UUID.randomUUID();
        String id = n.organiser().as().body(Map.of("name", "Partner " + client, "clientId", client, "scopes", List.of(scopes)))
                .post(n.path("/partners")).then().statusCode(201).extract().path("id");
        return new TestPartner(id, LocalStack.get().tokens(client).client(client).sign());
    }

    static Response subscribe(TestNetwork n, TestPartner p, String url, String... types) {
        return n.organiser().as().body(Map.of("url", url, "eventTypes", List.of(types))).post(n.path("/partners/" + p.id() + "/webhooks"));
    }

    static List<WebhookReceiver.Received> awaitAccepted(WebhookReceiver receiver, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= count);
        return receiver.accepted();
    }

    @Test
    void subscribed_events_arrive_signed_once_and_in_order_and_a_rotation_sends_both_signatures() throws Exception {
        TestNetwork n = Fixtures.network();
        TestPartner p = partner(n, "directory:read");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = subscribe(n, p, receiver.url(), "member.joined", "member.status-changed");
            created.then().statusCode(201).header("Location", notNullValue())
                    .body("secret", startsWith("whsec_")).body("subscription.active", is(true))
                    .body("subscription.eventTypes", contains("member.joined", "member.status-changed"));
            String secret = created.jsonPath().getString("secret");
            String subscription = created.jsonPath().getString("subscription.id");
            String hooks = n.path("/partners/" + p.id() + "/webhooks/" + subscription);
            n.organiser().as().get(hooks).then().statusCode(200).body("secret", nullValue()).body("url", equalTo(receiver.url()));

            Person ann = Fixtures.join(n, "Ann");
            ann.as().body(Map.of("reason", "MOVED_ON")).post(n.path("/members/" + ann.memberId() + "/departure")).then().statusCode(200);

            List<WebhookReceiver.Received> got = awaitAccepted(receiver, 2);
            assertThat(got.stream().map(r -> r.json().path("type").asText()).toList(), contains("member.joined", "member.status-changed"));
            for (WebhookReceiver.Received r : got) {
                assertThat(r.signedWith(secret), is(true));
                assertThat(r.signatures(), hasSize(1));
                assertThat(r.json().path("data").path("memberId").asText(), equalTo(ann.memberId().toString()));
                assertThat(r.json().path("data").path("networkId").asText(), equalTo(n.id().toString()));
                assertThat(Math.abs(r.timestamp() - Instant.now().getEpochSecond()) < 300, is(true));
            }
            JsonNode left = got.get(1).json().path("data");
            assertThat(left.path("from").asText(), equalTo("ACTIVE"));
            assertThat(left.path("to").asText(), equalTo("LEFT"));
            assertThat("no reason, no free text travels", left.has("reason"), is(false));

            // the log, read by the partner itself; another partner of the network learns nothing
            JsonNode log = Fixtures.json(Fixtures.as(p.token()).get(hooks + "/deliveries").then().statusCode(200));
            assertThat(log.path("items").size(), equalTo(2));
            JsonNode first = log.path("items").get(0);
            assertThat(first.path("status").asText(), equalTo("DELIVERED"));
            assertThat(first.path("eventType").asText(), equalTo("member.joined"));
            assertThat(first.path("messageId").asText(), equalTo(got.get(0).id()));
            assertThat(first.path("log").get(0).path("statusCode").asInt(), equalTo(200));
            TestPartner other = partner(n, "directory:read");
            Fixtures.as(other.token()).get(hooks + "/deliveries").then().statusCode(404);

            // a replay: the same message id again, after what is queued
            Fixtures.as(p.token()).post(hooks + "/deliveries/" + first.path("id").asText() + "/replay").then().statusCode(202)
                    .body("queued", equalTo(1));
            List<WebhookReceiver.Received> replayed = awaitAccepted(receiver, 3);
            assertThat(replayed.get(2).id(), equalTo(got.get(0).id()));
            assertThat(replayed.get(2).body(), equalTo(got.get(0).body()));

            // a rotation: both signatures during the overlap
            String rotated = Fixtures.json(Fixtures.as(p.token()).post(hooks + "/secret-rotation").then().statusCode(200)
                    .body("subscription.previousSecretUntil", notNullValue())).path("secret").asText();
            assertThat(rotated.equals(secret), is(false));
            Fixtures.join(n, "Ben");
            WebhookReceiver.Received afterRotation = awaitAccepted(receiver, 4).get(3);
            assertThat(afterRotation.signatures(), hasSize(2));
            assertThat(afterRotation.signedWith(rotated), is(true));
            assertThat(afterRotation.signedWith(secret), is(true));

            // a range replay of everything so far
            Fixtures.as(p.token()).body(Map.of("from", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                    "to", Instant.now().plus(1, ChronoUnit.HOURS).toString())).post(hooks + "/replay").then().statusCode(202)
                    .body("queued", equalTo(3));
            List<WebhookReceiver.Received> all = awaitAccepted(receiver, 7);
            assertThat(all.subList(4, 7).stream().map(WebhookReceiver.Received::id).toList(),
                    equalTo(List.of(got.get(0).id(), got.get(1).id(), afterRotation.id())));

            // refusals: unknown ids, another partner, a missing If-Match, an empty range
            String unknown = n.path("/partners/" + p.id() + "/webhooks/" + UUID.randomUUID());
            n.organiser().as().get(unknown).then().statusCode(404).body("type", equalTo("https://cohesion.dev/problems/not-found"));
            n.organiser().as().post(hooks + "/deliveries/" + UUID.randomUUID() + "/replay").then().statusCode(404);
            Fixtures.as(other.token()).post(hooks + "/secret-rotation").then().statusCode(404);
            n.organiser().as().body(Map.of("url", receiver.url(), "eventTypes", List.of("member.joined"), "active", true)).put(hooks)
                    .then().statusCode(428);
            Instant now = Instant.now();
            n.organiser().as().body(Map.of("from", now.toString(), "to", now.toString())).post(hooks + "/replay").then().statusCode(400)
                    .body("errors[0].field", equalTo("to"));
        }
    }

    @Test
    void failures_are_retried_and_after_the_last_retry_the_subscription_is_disabled_until_enabled_again() throws Exception {
        TestNetwork n = Fixtures.network();
        TestPartner p = partner(n, "directory:read");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500, 503);
            String subscription = subscribe(n, p, receiver.url(), "member.joined").then().statusCode(201).extract().path("subscription.id");
            String hooks = n.path("/partners/" + p.id() + "/webhooks/" + subscription);
            Person ann = Fixtures.join(n, "Ann");
            awaitAccepted(receiver, 1);
            assertThat(receiver.received().stream().map(WebhookReceiver.Received::answered).toList(), equalTo(List.of(500, 503, 200)));
            assertThat("one message id for every attempt", receiver.received().stream().map(WebhookReceiver.Received::id).distinct().count(), is(1L));
            JsonNode delivery = Fixtures.json(n.organiser().as().get(hooks + "/deliveries").then().statusCode(200)).path("items").get(0);
            assertThat(delivery.path("status").asText(), equalTo("DELIVERED"));
            assertThat(delivery.path("attempts").asInt(), equalTo(3));
            assertThat(delivery.path("log").get(0).path("error").asText(), equalTo("HTTP 500"));
            assertThat(delivery.path("log").get(2).path("statusCode").asInt(), equalTo(200));

            // always 500: 1 attempt and 3 retries, then disabled with an event; what follows waits
            receiver.answerAlways(500);
            Fixtures.join(n, "Ben");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> n.organiser().as().get(hooks).then().body("active", is(false)));
            JsonNode disabled = awaitEvent(n.id(), MembersEvents.WEBHOOK_DISABLED);
            assertThat(disabled.path("subscriptionId").asText(), equalTo(subscription));
            assertThat(disabled.path("partnerId").asText(), equalTo(p.id()));
            assertThat(disabled.path("reason").asText(), startsWith("delivery "));
            assertThat(receiver.received(), hasSize(3 + 4));
            JsonNode failed = Fixtures.json(n.organiser().as().get(hooks + "/deliveries?status=FAILED").then().statusCode(200)).path("items");
            assertThat(failed.size(), equalTo(1));
            assertThat(failed.get(0).path("attempts").asInt(), equalTo(4));

            Person cy = Fixtures.join(n, "Cy");
            receiver.answerAlways(200);
            String etag = n.organiser().as().get(hooks).then().extract().header("ETag");
            n.organiser().as().header("If-Match", etag).body(Map.of("url", receiver.url(), "eventTypes", List.of("member.joined"), "active", true))
                    .put(hooks).then().statusCode(200).body("active", is(true)).body("disabledReason", nullValue());
            List<WebhookReceiver.Received> after = awaitAccepted(receiver, 2);
            assertThat(after.get(1).json().path("data").path("memberId").asText(), equalTo(cy.memberId().toString()));
            assertThat(ann.memberId(), notNullValue());
        }
    }

    @Test
    void targets_on_loopback_private_or_link_local_addresses_and_plain_http_are_refused() {
        TestNetwork n = Fixtures.network();
        TestPartner p = partner(n, "directory:read");
        for (String url : List.of("http://localhost:8080/hook", "https://localhost/hook", "https://10.1.2.3/hook",
                "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                "https://[fd00::1]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook", "http://203.0.113.7/hook",
                "https://user:pw@203.0.113.7/hook", "ftp://203.0.113.7/hook", "not a url")) {
            subscribe(n, p, url, "member.joined").then().statusCode(400)
                    .body("type", equalTo("https://cohesion.dev/problems/validation")).body("errors[0].field", equalTo("url"));
        }
        n.organiser().as().get(n.path("/partners/" + p.id() + "/webhooks")).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void a_partner_receives_only_what_its_scopes_allow_and_nothing_once_revoked() throws Exception {
        TestNetwork n = Fixtures.network();
        TestPartner narrow = partner(n);
        TestPartner wide = partner(n, "directory:read", "health:read");
        try (WebhookReceiver narrowReceiver = new WebhookReceiver(); WebhookReceiver wideReceiver = new WebhookReceiver()) {
            subscribe(n, narrow, narrowReceiver.url(), "network-health.changed").then().statusCode(400)
                    .body("errors[0].field", equalTo("eventTypes"));
            String narrowHooks = n.path("/partners/" + narrow.id() + "/webhooks");
            n.organiser().as().get(narrowHooks).then().statusCode(200).body("items", hasSize(0));
            subscribe(n, narrow, narrowReceiver.url(), "member.joined").then().statusCode(400);
            subscribe(n, narrow, narrowReceiver.url(), "purpose.adopted", "norm-book.published").then().statusCode(201);
            subscribe(n, wide, wideReceiver.url(), "sanction.applied", "network-health.changed", "norm-book.published").then().statusCode(201);
            Fixtures.as(narrow.token()).body(Map.of("url", narrowReceiver.url(), "eventTypes", List.of("member.joined")))
                    .post(narrowHooks).then().statusCode(403);

            Person m = Fixtures.join(n, "Mo");
            EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(),
                    m.memberId(), SanctionRung.WARNING, SanctionRung.WARNING, Instant.now(), null, null));
            EventsWriter.publish(NormsEvents.SANCTION_APPLIED, n.id(), new SanctionApplied(n.id(), UUID.randomUUID(), UUID.randomUUID(),
                    m.memberId(), SanctionRung.TEMPORARY_SUSPENSION, SanctionRung.TEMPORARY_SUSPENSION, Instant.now(),
                    Instant.now().plus(7, ChronoUnit.DAYS), null));
            EventsWriter.publish(MetricsEvents.NETWORK_HEALTH_CHANGED, n.id(),
                    new NetworkHealthChanged(n.id(), 71, Circle.VIRTUOUS, 0.8, 0.9, 0.7, Instant.now()));
            List<WebhookReceiver.Received> wide2 = awaitAccepted(wideReceiver, 2);
            assertThat("a warning is between the member and the organisers", wide2.get(0).json().path("data").path("rung").asText(),
                    equalTo("TEMPORARY_SUSPENSION"));
            assertThat(wide2.get(0).json().path("data").has("caseId"), is(false));
            assertThat(wide2.get(1).json().path("type").asText(), equalTo("network-health.changed"));
            assertThat(wide2.get(1).json().path("data").path("score").asInt(), equalTo(71));

            // revoked: its queue stops; the other partner still receives the next event
            n.organiser().as().post(n.path("/partners/" + narrow.id() + "/revocation")).then().statusCode(200);
            EventsWriter.publish(NormsEvents.NORM_BOOK_PUBLISHED, n.id(), new dev.cohesion.events.norms.NormBookPublished(n.id(), 1,
                    List.of(), Instant.now()));
            List<WebhookReceiver.Received> wide3 = awaitAccepted(wideReceiver, 3);
            assertThat(wide3.get(2).json().path("type").asText(), equalTo("norm-book.published"));
            assertThat(narrowReceiver.received(), hasSize(0));
            Fixtures.as(narrow.token()).get(narrowHooks).then().statusCode(404);
        }
    }
}
