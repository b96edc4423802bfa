package dev.cohesion.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventCatalog;
import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventSchemas;
import dev.cohesion.events.EventType;
import dev.cohesion.events.activities.ActivitiesEvents;
import dev.cohesion.events.activities.ActivityRecorded;
import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.Role;
import dev.cohesion.stack.testing.LocalStack;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Networks and members announced as members-service would, activities, tokens, and the events metrics publishes. */
public final class Fixtures {

    private static final LocalStack STACK = LocalStack.get();

    private Fixtures() {
    }

    public record TestNetwork(UUID id, UUID organiserId, String organiserToken) {
        public String path(String suffix) {
            return "/api/v1/networks/" + id + suffix;
        }

        public RequestSpecification asOrganiser() {
            return as(organiserToken);
        }

        public String partnerToken(String... scopes) {
            return STACK.tokens("partner-" + UUID.randomUUID()).partner(id, List.of(scopes)).sign();
        }

        public String memberToken(UUID memberId) {
            return STACK.tokens("user-" + memberId).member(id, memberId).sign();
        }
    }

    /** A number within 0.001 of the value, whatever its JSON type (RestAssured reads floats). */
    public static org.hamcrest.Matcher<Object> near(double value) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Number n && Math.abs(n.doubleValue() - value) < 0.001;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a number near " + value);
            }
        };
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    public static TestNetwork network() {
        UUID id = UUID.randomUUID();
        publish(MembersEvents.NETWORK_CREATED, id, new NetworkCreated(id, "n-" + id.toString().substring(0, 8), "Network",
                new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0), Instant.now()));
        UUID organiser = member(id, "Olga Organiser", "Org A", Instant.now().minus(Duration.ofDays(400)), true);
        return new TestNetwork(id, organiser, STACK.tokens("user-" + organiser).organiser(id, organiser).sign());
    }

    public static UUID member(TestNetwork n, String name, String organisation, Instant joinedAt) {
        return member(n.id(), name, organisation, joinedAt, false);
    }

    private static UUID member(UUID networkId, String name, String organisation, Instant joinedAt, boolean organiser) {
        UUID memberId = UUID.randomUUID();
        publish(MembersEvents.MEMBER_JOINED, networkId, new MemberJoined(networkId, memberId, name, organisation,
                Constituency.OTHER, List.of(), organiser ? List.of(Role.ORGANISER, Role.MEMBER) : List.of(Role.MEMBER),
                JoinRoute.APPLICATION, joinedAt));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("metrics",
                "select count(*) from member where id = ?", memberId).get(0).get(0), equalTo(1L)));
        return memberId;
    }

    public static <T> void publish(EventType<T> type, UUID networkId, T payload) {
        publish(type, networkId.toString(), networkId, payload, UUID.randomUUID());
    }

    public static <T> void publish(EventType<T> type, String key, UUID networkId, T payload, UUID eventId) {
        EventEnvelope e = EventEnvelope.of(eventId, "/cohesion/test", type, Instant.now(), "test", networkId, payload);
        STACK.write(type.topic(), key, EventJson.MAPPER.valueToTree(e).toString());
    }

    /** An activity as an integrator produces it on cohesion.activities.v1 (keyed by member). */
    public static void produceActivity(TestNetwork n, UUID member, String type, Instant at, String key) {
        publish(ActivitiesEvents.ACTIVITY_RECORDED, member.toString(), n.id(),
                new ActivityRecorded(n.id(), member, type, at, null, "integrator", key), UUID.randomUUID());
    }

    public static long counted(TestNetwork n, UUID member) {
        return (Long) STACK.query("metrics", "select activity_count from member where id = ?", member).get(0).get(0);
    }

    /** The network's events on a topic, of one type, each validated against its schema. */
    public static List<JsonNode> events(String topic, UUID networkId, EventType<?> type, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read(topic, networkId, type).size(),
                greaterThanOrEqualTo(atLeast)));
        return read(topic, networkId, type);
    }

    private static List<JsonNode> read(String topic, UUID networkId, EventType<?> type) {
        return STACK.records(topic).stream().map(r -> {
            try {
                return EventJson.MAPPER.readTree(r.value());
            } catch (Exception e) {
                return null;
            }
        }).filter(e -> e != null && e.path("type").asText().equals(type.name())
                && e.path("networkid").asText().equals(networkId.toString())).peek(e ->
                assertEquals(List.of(), EventSchemas.validate(EventCatalog.byName(type.name()).orElseThrow(), e)))
                .map(e -> e.path("data")).toList();
    }
}
