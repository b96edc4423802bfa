package dev.cohesion.norms;

import dev.cohesion.events.EventEnvelope;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.EventType;
import dev.cohesion.events.EventCatalog;
import dev.cohesion.events.EventSchemas;
import dev.cohesion.events.Topics;
import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.MemberStatusChanged;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.PartnerRegistered;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.events.members.Principal;
import dev.cohesion.events.members.Role;
import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.testing.LocalStack;
import dev.cohesion.stack.testing.NetworkCallers;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A network as members-service would announce it (events on cohesion.members.v1), its people and their tokens,
 * and the events norms-service publishes.
 */
public final class Fixtures {

    private static final LocalStack STACK = LocalStack.get();
    private static NetworkCallers callers;

    private Fixtures() {
    }

    public record Person(UUID memberId, String token) {
        public RequestSpecification as() {
            return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
        }
    }

    public record TestNetwork(UUID id, Person organiser, Person secondOrganiser) {
        public String path(String suffix) {
            return "/api/v1/networks/" + id + suffix;
        }
    }

    public static TestNetwork network() {
        UUID id = UUID.randomUUID();
        publish(MembersEvents.NETWORK_CREATED, id, new NetworkCreated(id, "n-" + id.toString().substring(0, 8), "Network",
                new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0), Instant.now()));
        Person first = joined(id, "Olga Organiser", true);
        Person second = joined(id, "Omar Organiser", true);
        return new TestNetwork(id, first, second);
    }

    /** A partner's client registered for the network (as members-service announces it), with these scopes. */
    public static String partnerToken(TestNetwork n, PartnerScope... scopes) {
        String client = "partner-" + UUID.randomUUID();
        UUID partnerId = UUID.randomUUID();
        publish(MembersEvents.PARTNER_REGISTERED, n.id(), new PartnerRegistered(n.id(), partnerId, "Partner", DevKeys.ISSUER, client,
                List.of(scopes), n.organiser().memberId(), Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("norms",
                "select count(*) from partner where id = ?", partnerId).get(0).get(0), equalTo(1L)));
        return STACK.tokens(client).client(client).sign();
    }

    public static Person member(TestNetwork n, String name) {
        return joined(n.id(), name, false);
    }

    public static void changeStatus(TestNetwork n, Person p, MemberStatus from, MemberStatus to) {
        publish(MembersEvents.MEMBER_STATUS_CHANGED, n.id(), new MemberStatusChanged(n.id(), p.memberId(), from, to, "TEST",
                null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("norms",
                "select status from member where id = ?", p.memberId()).get(0).get(0), equalTo(to.name())));
    }

    /** members-service's erasure as it reaches norms-service: member-erased, and a tombstone on the profiles topic. */
    public static void erase(TestNetwork n, Person p) {
        publish(MembersEvents.MEMBER_ERASED, n.id(), new MemberErased(n.id(), p.memberId(), Instant.now()));
        STACK.write(Topics.MEMBER_PROFILES, p.memberId().toString(), null);
    }

    private static Person joined(UUID networkId, String name, boolean organiser) {
        UUID memberId = UUID.randomUUID();
        publish(MembersEvents.MEMBER_JOINED, networkId, new MemberJoined(networkId, memberId,
                organiser ? List.of(Role.ORGANISER, Role.MEMBER) : List.of(Role.MEMBER), JoinRoute.APPLICATION, Instant.now()));
        String subject = "user-" + memberId;
        publish(MembersEvents.MEMBER_PROFILE, networkId, memberId.toString(), new MemberProfile(networkId, memberId, name, "Org",
                Constituency.OTHER, List.of(), new Principal(DevKeys.ISSUER, subject), Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(STACK.query("norms",
                "select count(*) from member m join member_identity i on i.member_id = m.id where m.id = ?", memberId).get(0).get(0),
                equalTo(1L)));
        return new Person(memberId, STACK.tokens(subject).sign());
    }

    /** A network with a caller of each kind, for the contract suites (made once per test JVM). */
    public static synchronized NetworkCallers callers() {
        if (callers == null) {
            TestNetwork n = network();
            Person member = member(n, "Mia Member");
            Person former = member(n, "Fred Former");
            changeStatus(n, former, MemberStatus.ACTIVE, MemberStatus.LEFT);
            callers = new NetworkCallers(n.id(), n.organiser().token(), member.token(), partnerToken(n, PartnerScope.values()),
                    partnerToken(n), former.token(),
                    STACK.tokens("stranger-" + UUID.randomUUID()).sign(), STACK.tokens("platform-admin").admin().sign());
        }
        return callers;
    }

    public static <T> void publish(EventType<T> type, UUID networkId, T payload) {
        publish(type, networkId, networkId.toString(), payload);
    }

    /** An event as its producer would write it, with the record key the topic uses (the member id on profiles). */
    public static <T> void publish(EventType<T> type, UUID networkId, String key, T payload) {
        STACK.write(type.topic(), key, envelope(UUID.randomUUID(), type, networkId, payload));
    }

    /**
     * Events of one network and topic, written in order by one producer, keyed by the network, so that they arrive in few
     * batches; returns their event ids.
     */
    public static List<UUID> publishAll(UUID networkId, List<Map.Entry<EventType<?>, Object>> events) {
        List<UUID> ids = events.stream().map(e -> UUID.randomUUID()).toList();
        STACK.writeAll(events.get(0).getKey().topic(), IntStream.range(0, events.size())
                .mapToObj(i -> Map.entry(networkId.toString(), envelope(ids.get(i), events.get(i).getKey(), networkId, events.get(i).getValue())))
                .toList());
        return ids;
    }

    private static String envelope(UUID eventId, EventType<?> type, UUID networkId, Object payload) {
        return EventJson.MAPPER.valueToTree(EventEnvelope.of(eventId, "/cohesion/" + type.producer() + "-service", type,
                Instant.now(), "test", networkId, payload)).toString();
    }

    /** An active norm with its first book version; returns the norm id. */
    public static String activeNorm(TestNetwork n, String code, String severity) {
        String id = n.organiser().as().body(Map.of("code", code, "title", "Title " + code, "text", "Text of " + code,
                "category", "conduct", "severity", severity)).post(n.path("/norms")).then().statusCode(201).extract().path("id");
        n.organiser().as().post(n.path("/norms/" + id + "/activation")).then().statusCode(200);
        return id;
    }

    /** Reported by the first organiser, claimed and decided by the second. Returns the case id. */
    public static String upheldCase(TestNetwork n, String normId, Person subject) {
        String caseId = n.organiser().as().body(Map.of("subjectMemberId", subject.memberId(), "normId", normId, "normVersion", 1,
                "description", "What happened")).post(n.path("/breach-reports")).then().statusCode(201).extract().path("id");
        n.secondOrganiser().as().post(n.path("/cases/" + caseId + "/claim")).then().statusCode(200);
        n.secondOrganiser().as().body(Map.of("outcome", "UPHELD", "reason", "Confirmed")).post(n.path("/cases/" + caseId + "/decision"))
                .then().statusCode(200);
        return caseId;
    }

    /** The network's events of one type on the type's topic (payloads), each validated against its schema. */
    public static List<JsonNode> events(UUID networkId, EventType<?> type, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read(networkId, type).size(), greaterThanOrEqualTo(atLeast)));
        return read(networkId, type);
    }

    private static List<JsonNode> read(UUID networkId, EventType<?> type) {
        return STACK.records(type.topic()).stream().filter(r -> r.value() != null).map(r -> {
            try {
                JsonNode envelope = EventJson.MAPPER.readTree(r.value());
                assertEquals(List.of(), EventSchemas.validate(EventCatalog.byName(envelope.path("type").asText()).orElseThrow(), envelope));
                return envelope;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.path("type").asText().equals(type.name()) && e.path("networkid").asText().equals(networkId.toString()))
                .map(e -> e.path("data")).toList();
    }
}
