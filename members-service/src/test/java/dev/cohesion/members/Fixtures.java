package dev.cohesion.members;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventSchemas;
import dev.cohesion.events.EventType;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.NetworkCallers;
import dev.cohesion.stack.testing.TopicRecords;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A network with its people and their tokens, built through the public API, and the events it published. */
public final class Fixtures {

    public static final String BASE = "/api/v1/networks";
    private static final LocalStack STACK = LocalStack.get();
    private static NetworkCallers callers;

    private Fixtures() {
    }

    /** A person: their token subject, and their member id once they belong to the network. */
    public record Person(String subject, UUID memberId, String token) {
        public RequestSpecification as() {
            return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
        }
    }

    /** A network created by the platform administrator, with its first organiser. */
    public record TestNetwork(UUID id, Person organiser) {
        public String path(String suffix) {
            return BASE + "/" + id + suffix;
        }
    }

    public static String adminToken() {
        return STACK.tokens("platform-admin").admin().sign();
    }

    public static RequestSpecification asAdmin() {
        return RestAssured.given().header("Authorization", "Bearer " + adminToken()).contentType("application/json");
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    public static TestNetwork network() {
        String subject = "user-" + UUID.randomUUID();
        String slug = "net-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = json(asAdmin().body(Map.of("slug", slug, "name", "Network " + slug,
                        "firstOrganiser", Map.of("userId", subject, "displayName", "Olga Organiser",
                                "email", slug + "@example.org", "constituency", "ACADEMIC")))
                .post(BASE).then().statusCode(201));
        UUID id = UUID.fromString(created.path("network").path("id").asText());
        UUID organiserId = UUID.fromString(created.path("firstOrganiserMemberId").asText());
        return new TestNetwork(id, new Person(subject, organiserId, STACK.tokens(subject).sign()));
    }

    /** Someone who applied and was approved: an active member with a member token. */
    public static Person join(TestNetwork n, String name) {
        return join(n, name, "PRACTITIONER", "Org " + name);
    }

    public static Person join(TestNetwork n, String name, String constituency, String organisation) {
        Person applicant = applicant(n, name, constituency, organisation);
        n.organiser().as().post(n.path("/members/" + applicant.memberId() + "/approval")).then().statusCode(200);
        return applicant;
    }

    /** Someone who applied and awaits a decision. */
    public static Person applicant(TestNetwork n, String name, String constituency, String organisation) {
        String subject = "user-" + UUID.randomUUID();
        String token = STACK.tokens(subject).sign();
        JsonNode member = json(as(token).body(Map.of("profile", Map.of("displayName", name,
                        "email", subject + "@example.org", "organisation", organisation, "constituency", constituency,
                        "interests", List.of("policy"), "sharedWithPartners", List.of("DISPLAY_NAME")), "note", "hello"))
                .post(n.path("/applications")).then().statusCode(201));
        UUID memberId = UUID.fromString(member.path("id").asText());
        return new Person(subject, memberId, token);
    }

    /** A partner's client registered by the network's organiser with these scopes; its client-credentials token. */
    public static String partner(TestNetwork n, String... scopes) {
        String client = "partner-" + UUID.randomUUID();
        n.organiser().as().body(Map.of("name", "Partner " + client, "clientId", client, "scopes", List.of(scopes)))
                .post(n.path("/partners")).then().statusCode(201);
        return STACK.tokens(client).client(client).sign();
    }

    /** A network with a caller of each kind, for the contract suites (made once per test JVM). */
    public static synchronized NetworkCallers callers() {
        if (callers == null) {
            callers = newCallers();
        }
        return callers;
    }

    private static NetworkCallers newCallers() {
        TestNetwork n = network();
        Person member = join(n, "Mia Member");
        Person former = join(n, "Fred Former");
        former.as().body(Map.of("reason", "OTHER")).post(n.path("/members/" + former.memberId() + "/departure")).then().statusCode(200);
        return new NetworkCallers(n.id(), n.organiser().token(), member.token(),
                partner(n, "directory:read", "health:read", "activities:write"), partner(n),
                former.token(), STACK.tokens("stranger-" + UUID.randomUUID()).sign(), adminToken());
    }

    public static JsonNode json(ValidatableResponse response) {
        try {
            return EventJson.MAPPER.readTree(response.extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of the network on cohesion.members.v1, in order, each validated against its JSON Schema. */
    public static List<JsonNode> events(UUID networkId) {
        List<TopicRecords.Record> records = STACK.records(Topics.MEMBERS).stream()
                .filter(r -> networkId.toString().equals(r.key())).toList();
        return records.stream().map(r -> {
            try {
                JsonNode envelope = EventJson.MAPPER.readTree(r.value());
                EventType<?> type = dev.cohesion.events.EventCatalog.byName(envelope.path("type").asText()).orElseThrow();
                assertEquals(List.of(), EventSchemas.validate(type, envelope), "published event matches its schema");
                return envelope;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits for the network's events of one type and returns their payloads. */
    public static List<JsonNode> awaitEvents(UUID networkId, EventType<?> type, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                events(networkId).stream().filter(e -> e.path("type").asText().equals(type.name())).limit(atLeast).toList().size(),
                org.hamcrest.Matchers.greaterThanOrEqualTo(atLeast)));
        return events(networkId).stream().filter(e -> e.path("type").asText().equals(type.name()))
                .map(e -> e.path("data")).toList();
    }

    /** The member's records on the compacted profiles topic, in order; a tombstone has a null value. */
    public static List<TopicRecords.Record> profileRecords(UUID memberId) {
        return STACK.records(Topics.MEMBER_PROFILES).stream().filter(r -> memberId.toString().equals(r.key())).toList();
    }

    /** Waits for a profile of the member that matches, validated against its schema, and returns its payload. */
    public static JsonNode awaitProfile(UUID memberId, java.util.function.Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> profiles = profileRecords(memberId).stream().filter(r -> r.value() != null).map(r -> {
                try {
                    JsonNode envelope = EventJson.MAPPER.readTree(r.value());
                    assertEquals(List.of(), EventSchemas.validate(MembersEvents.MEMBER_PROFILE, envelope), "profile matches its schema");
                    return envelope.path("data");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(matching).toList();
            assertThat(profiles, not(empty()));
            found[0] = profiles.get(profiles.size() - 1);
        });
        return found[0];
    }

    public static JsonNode awaitEvent(UUID networkId, EventType<?> type) {
        List<JsonNode> events = awaitEvents(networkId, type, 1);
        assertThat(events, not(empty()));
        return events.get(events.size() - 1);
    }
}
