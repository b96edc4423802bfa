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
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.events.members.Principal;
import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.NetworkCallers;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Networks and members announced as members-service would, activities, tokens, and the events metrics publishes. */
public final class Fixtures {

    private static final LocalStack STACK = LocalStack.get();
    private static NetworkCallers callers;

    private Fixtures() {
    }

    public record TestPartner(UUID id, String token) {
    }

    public record TestNetwork(UUID id, UUID organiserId, String organiserToken) {
        public String path(String suffix) {
            return "/api/v1/networks/" + id + suffix;
        }

        public RequestSpecification asOrganiser() {
            return as(organiserToken);
        }

        /** A partner's client registered for the network (as members-service announces it), with these scopes. */
        public String partnerToken(String... scopes) {
            return partner(scopes).token();
        }

        /** A registered partner: its id and its client-credentials token. */
        public TestPartner partner(String... scopes) {
            String client = "partner-" + UUID.randomUUID();
            UUID partnerId = UUID.randomUUID();
            publish(MembersEvents.PARTNER_REGISTERED, id, new PartnerRegistered(id, partnerId, "Partner", DevKeys.ISSUER, client,
                    java.util.Arrays.stream(scopes).map(s -> PartnerScope.valueOf(s.toUpperCase().replace(':', '_'))).toList(),
                    organiserId, Instant.now()));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("metrics",
                    "select count(*) from partner where id = ?", partnerId).get(0).get(0), equalTo(1L)));
            return new TestPartner(partnerId, STACK.tokens(client).client(client).sign());
        }

        public String memberToken(UUID memberId) {
            return STACK.tokens("user-" + memberId).sign();
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
        return network(new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0));
    }

    public static TestNetwork network(NetworkSettings settings) {
        UUID id = UUID.randomUUID();
        publish(MembersEvents.NETWORK_CREATED, id, new NetworkCreated(id, "n-" + id.toString().substring(0, 8), "Network",
                settings, Instant.now()));
        UUID organiser = member(id, "Olga Organiser", "Org A", Instant.now().minus(Duration.ofDays(400)), true);
        return new TestNetwork(id, organiser, STACK.tokens("user-" + organiser).sign());
    }

    public static UUID member(TestNetwork n, String name, String organisation, Instant joinedAt) {
        return member(n.id(), name, organisation, joinedAt, false);
    }

    /** The member of that id joins (say, after a partner reported an activity of theirs). */
    public static UUID member(TestNetwork n, UUID memberId, String name, String organisation, Instant joinedAt) {
        return member(n.id(), memberId, name, organisation, joinedAt, false);
    }

    private static UUID member(UUID networkId, String name, String organisation, Instant joinedAt, boolean organiser) {
        return member(networkId, UUID.randomUUID(), name, organisation, joinedAt, organiser);
    }

    private static UUID member(UUID networkId, UUID memberId, String name, String organisation, Instant joinedAt, boolean organiser) {
        publish(MembersEvents.MEMBER_JOINED, networkId, new MemberJoined(networkId, memberId,
                organiser ? List.of(Role.ORGANISER, Role.MEMBER) : List.of(Role.MEMBER), JoinRoute.APPLICATION, joinedAt));
        publish(MembersEvents.MEMBER_PROFILE, memberId.toString(), networkId, new MemberProfile(networkId, memberId, name, organisation,
                Constituency.OTHER, List.of(), new Principal(DevKeys.ISSUER, "user-" + memberId), Instant.now()), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("metrics",
                "select count(*) from member m join member_identity i on i.member_id = m.id where m.id = ?", memberId).get(0).get(0),
                equalTo(1L)));
        return memberId;
    }

    /** A network with a caller of each kind, for the contract suites (made once per test JVM). */
    public static synchronized NetworkCallers callers() {
        if (callers == null) {
            TestNetwork n = network();
            UUID member = member(n, "Mia Member", "Org M", Instant.now().minus(Duration.ofDays(40)));
            UUID former = member(n, "Fred Former", "Org F", Instant.now().minus(Duration.ofDays(40)));
            publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), former, MemberStatus.ACTIVE,
                    MemberStatus.LEFT, "OTHER", null, null, Instant.now()));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("metrics",
                    "select status from member where id = ?", former).get(0).get(0), equalTo("LEFT")));
            callers = new NetworkCallers(n.id(), n.organiserToken(), n.memberToken(member),
                    n.partnerToken("directory:read", "health:read", "activities:write"), n.partnerToken(), n.memberToken(former),
                    STACK.tokens("stranger-" + UUID.randomUUID()).sign(), STACK.tokens("platform-admin").admin().sign());
        }
        return callers;
    }

    public static <T> void publish(EventType<T> type, UUID networkId, T payload) {
        publish(type, networkId.toString(), networkId, payload, UUID.randomUUID());
    }

    public static <T> void publish(EventType<T> type, String key, UUID networkId, T payload, UUID eventId) {
        publish(type, key, networkId, payload, eventId, Instant.now());
    }

    private static <T> void publish(EventType<T> type, String key, UUID networkId, T payload, UUID eventId, Instant time) {
        STACK.write(type.topic(), key, envelope(type, networkId, payload, eventId, time));
    }

    /** Events of one type keyed by the network, in order, with one producer (for many at once). */
    public static <T> void publishAll(EventType<T> type, UUID networkId, List<T> payloads) {
        STACK.writeAll(type.topic(), payloads.stream()
                .map(p -> Map.entry(networkId.toString(), envelope(type, networkId, p, UUID.randomUUID(), Instant.now()))).toList());
    }

    private static <T> String envelope(EventType<T> type, UUID networkId, T payload, UUID eventId, Instant time) {
        return EventJson.MAPPER.valueToTree(EventEnvelope.of(eventId, "/cohesion/test", type, time, "test", networkId, payload)).toString();
    }

    /** An activity as an integrator produces it on cohesion.activities.v1 (keyed by member). */
    public static void produceActivity(TestNetwork n, UUID member, String type, Instant at, String key) {
        produceActivity(n, member, type, at, key, Instant.now());
    }

    /** An activity reported (the envelope's time) at {@code reportedAt}. */
    public static void produceActivity(TestNetwork n, UUID member, String type, Instant at, String key, Instant reportedAt) {
        publish(ActivitiesEvents.ACTIVITY_RECORDED, member.toString(), n.id(),
                new ActivityRecorded(n.id(), member, type, at, null, "integrator", key), UUID.randomUUID(), reportedAt);
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
