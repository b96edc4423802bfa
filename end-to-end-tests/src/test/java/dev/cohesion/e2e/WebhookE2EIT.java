package dev.cohesion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * A partner's endpoint (clients/webhook-receiver.mjs) verifies every delivery with the reference implementation
 * of Standard Webhooks (npm standardwebhooks): it sees each subscribed event once and in order per network,
 * retries after it answered 500 for a while, a replay on request, and both signatures during a rotation.
 */
class WebhookE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process receiver;
    private static String receiverUrl;

    private final RunningSystem system = RunningSystem.get();

    private record Network(String id, String base, String organiser) {
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        Path clients = Path.of(System.getProperty("cohesion.home", "..")).toAbsolutePath().normalize().resolve("clients");
        receiver = new ProcessBuilder("node", "webhook-receiver.mjs").directory(clients.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8)).readLine();
        receiverUrl = "http://127.0.0.1:" + JSON.readTree(first).path("port").asInt();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.destroy();
    }

    @Test
    void every_delivery_verifies_with_the_reference_implementation_once_and_in_order_with_retries_replays_and_rotation()
            throws Exception {
        Network a = network("hooks-a");
        Network b = network("hooks-b");
        String secretA = subscribe(a, "/a");
        String secretB = subscribe(b, "/b");
        control(Map.of("secrets", Map.of("a", secretA, "b", secretB)));

        String ann = join(a, "Ann");
        String ben = join(a, "Ben");
        String cy = join(b, "Cy");
        system.as(MEMBERS, ben).body(Map.of("reason", "MOVED_ON")).post(a.base() + "/members/" + memberId(a, ben) + "/departure")
                .then().statusCode(200);

        List<JsonNode> got = awaitAccepted(4);
        assertThat(summary(got, a.id()), equalTo(List.of("member.joined " + memberId(a, ann), "member.joined " + memberId(a, ben),
                "member.status-changed " + memberId(a, ben))));
        assertThat(summary(got, b.id()), equalTo(List.of("member.joined " + memberId(b, cy))));
        for (JsonNode d : got) {
            String network = d.path("body").path("data").path("networkId").asText();
            assertThat(d.path("verifiedWith").toString(), equalTo(network.equals(a.id()) ? "[\"a\"]" : "[\"b\"]"));
        }
        assertThat("each event once", got.stream().map(d -> d.path("id").asText()).distinct().count(), is(4L));

        // 500 twice: the same message is retried until it is accepted
        control(Map.of("fail", 2));
        String dee = join(a, "Dee");
        List<JsonNode> afterRetries = awaitAccepted(5);
        JsonNode deeJoined = afterRetries.get(4);
        assertThat(deeJoined.path("body").path("data").path("memberId").asText(), equalTo(memberId(a, dee)));
        List<Integer> answers = new ArrayList<>();
        received().forEach(d -> {
            if (d.path("id").asText().equals(deeJoined.path("id").asText())) {
                answers.add(d.path("answered").asInt());
            }
        });
        assertThat(answers, equalTo(List.of(500, 500, 204)));

        // a replay on request: Ann's joining again, same message id
        String hooks = a.base() + "/partners/" + partnerOf(a) + "/webhooks/" + subscriptionOf(a);
        String annDelivery = system.as(MEMBERS, a.organiser()).get(hooks + "/deliveries?limit=1").then().statusCode(200)
                .extract().path("items[0].id");
        system.as(MEMBERS, a.organiser()).post(hooks + "/deliveries/" + annDelivery + "/replay").then().statusCode(202);
        JsonNode replayed = awaitAccepted(6).get(5);
        assertThat(replayed.path("id").asText(), equalTo(got.get(0).path("id").asText()));

        // a rotation: both secrets verify the next delivery
        String rotated = system.as(MEMBERS, a.organiser()).post(hooks + "/secret-rotation").then().statusCode(200).extract().path("secret");
        control(Map.of("secrets", Map.of("a", secretA, "a2", rotated, "b", secretB)));
        join(a, "Eve");
        JsonNode duringOverlap = awaitAccepted(7).get(6);
        assertThat(duringOverlap.path("signatures").asInt(), is(2));
        assertThat(duringOverlap.path("verifiedWith").toString(), equalTo("[\"a\",\"a2\"]"));
    }

    private final Map<String, String> partners = new java.util.HashMap<>();
    private final Map<String, String> subscriptions = new java.util.HashMap<>();
    private final Map<String, String> members = new java.util.HashMap<>();

    private Network network(String prefix) {
        String subject = "user-" + UUID.randomUUID();
        String id = system.network(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), subject);
        return new Network(id, "/api/v1/networks/" + id, system.stack().tokens(subject).sign());
    }

    /** Registers a partner with directory:read and subscribes it; returns the secret. */
    private String subscribe(Network n, String path) {
        String partner = system.as(MEMBERS, n.organiser()).body(Map.of("name", "Receiver", "clientId", "partner-" + UUID.randomUUID(),
                "scopes", List.of("directory:read"))).post(n.base() + "/partners").then().statusCode(201).extract().path("id");
        partners.put(n.id(), partner);
        var created = system.as(MEMBERS, n.organiser()).body(Map.of("url", receiverUrl + path,
                        "eventTypes", List.of("member.joined", "member.status-changed")))
                .post(n.base() + "/partners/" + partner + "/webhooks").then().statusCode(201).extract();
        subscriptions.put(n.id(), created.path("subscription.id"));
        return created.path("secret");
    }

    private String partnerOf(Network n) {
        return partners.get(n.id());
    }

    private String subscriptionOf(Network n) {
        return subscriptions.get(n.id());
    }

    /** An approved member; returns their token (memberId finds their id). */
    private String join(Network n, String name) {
        String subject = "user-" + UUID.randomUUID();
        String token = system.stack().tokens(subject).email(subject + "@example.org").sign();
        String id = system.as(MEMBERS, token).body(Map.of("profile", Map.of("displayName", name, "email", subject + "@example.org",
                "organisation", "Org", "constituency", "PRACTITIONER"))).post(n.base() + "/applications").then().statusCode(201)
                .extract().path("id");
        system.as(MEMBERS, n.organiser()).post(n.base() + "/members/" + id + "/approval").then().statusCode(200);
        members.put(n.id() + token, id);
        return token;
    }

    private String memberId(Network n, String token) {
        return members.get(n.id() + token);
    }

    private static List<String> summary(List<JsonNode> deliveries, String networkId) {
        return deliveries.stream().filter(d -> d.path("body").path("data").path("networkId").asText().equals(networkId))
                .map(d -> d.path("body").path("type").asText() + " " + d.path("body").path("data").path("memberId").asText()).toList();
    }

    private static List<JsonNode> awaitAccepted(int count) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted().size() >= count);
        List<JsonNode> accepted = accepted();
        assertThat("no more than expected", accepted.size(), is(count));
        return accepted;
    }

    private static List<JsonNode> accepted() throws Exception {
        List<JsonNode> accepted = new ArrayList<>();
        for (JsonNode d : received()) {
            assertThat("every delivery verifies: " + d, d.path("answered").asInt() == 401, is(false));
            if (d.path("answered").asInt() / 100 == 2) {
                accepted.add(d);
            }
        }
        return accepted;
    }

    private static JsonNode received() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(receiverUrl + "/received")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void control(Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(receiverUrl + "/control"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(settings))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode(), is(204));
    }
}
