package dev.cohesion.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeds a demo network through the public APIs only (no SQL): ~200 members across constituencies and
 * organisations, a purpose adopted after a consultation with a few objectors (one of whom leaves), a norm book
 * of seven norms acknowledged by most, breach cases at different rungs (one appealed and overturned), a
 * norm-change vote, and six months of activity with a story: a core group, an occasional majority, a dormant
 * tail and a recent dip. Seeding again finds the network by its slug and seeds nothing twice.
 */
public final class DemoNetwork {

    public static final String SLUG = "demo-applied-ethics";
    private static final String[] ORGANISATIONS = {"University of Lund", "Nordic Policy Lab", "Berg & Partners", "Institute for Sector Studies",
            "Civic Futures", "Ethics Works", "City of Malmo", "Open Governance Forum", "Delft University", "Kestrel Consulting",
            "Ministry of Digital Affairs", "Applied Trust Ltd", "Helix Advisory", "Baltic Research Council", "Fairway Legal",
            "Northwind Foundation", "Stratum Analytics", "Public Interest Tech", "Uppsala Centre", "Meridian Group"};
    private static final String[] CONSTITUENCIES = {"ACADEMIC", "ACADEMIC", "PRACTITIONER", "PRACTITIONER", "PRACTITIONER", "POLICY", "OTHER"};
    private static final String[] FIRST = {"Ana", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus", "Hana", "Ines", "Jon", "Kai", "Lea", "Max",
            "Nia", "Oli", "Pia", "Rui", "Sia", "Tom", "Uma"};
    /** Member 1 becomes the second organiser. */
    private static final List<String> REALM_MEMBERS = List.of("omar", "maria", "peter");
    private static final String[] LAST = {"Berg", "Haddad", "Novak", "Okafor", "Lind", "Moreau", "Sato", "Kovacs", "Silva", "Young"};

    /** The seeded network: who organises it and how to reach it. */
    public record Seeded(UUID networkId, UUID organiserId, String organiserToken, boolean alreadySeeded) {
    }

    private final DemoApi api = new DemoApi();
    private final DemoIdentities identities;
    private final String members;
    private final String norms;
    private final String metrics;
    private final Random random = new Random(42);
    private Map<String, String> normIds = Map.of();

    public DemoNetwork(DemoIdentities identities, String membersUrl, String normsUrl, String metricsUrl) {
        this.identities = identities;
        this.members = membersUrl;
        this.norms = normsUrl;
        this.metrics = metricsUrl;
    }

    /** A member of the demo; their token is asked for on each use (the provider's tokens live minutes). */
    private final class Person {
        private final UUID id;
        private final String subject;

        Person(UUID id, String subject) {
            this.id = id;
            this.subject = subject;
        }

        UUID id() {
            return id;
        }

        String token() {
            return identities.person(subject);
        }
    }

    public Seeded seed() {
        String admin = identities.admin();
        String olgaToken = identities.person("olga");
        for (JsonNode n : api.call("GET", members + "/api/v1/networks?limit=200", admin, null, 200).path("items")) {
            if (SLUG.equals(n.path("slug").asText())) {
                UUID id = UUID.fromString(n.path("id").asText());
                JsonNode organisers = api.call("GET", members + "/api/v1/networks/" + id + "/members?limit=1", olgaToken, null, 200);
                UUID olga = UUID.fromString(organisers.path("items").get(0).path("id").asText());
                return new Seeded(id, olga, olgaToken, true);
            }
        }
        JsonNode created = api.call("POST", members + "/api/v1/networks", admin, Map.of("slug", SLUG, "name", "Applied Ethics Network",
                "description", "Academics, practitioners and policy makers raising the standing of applied ethics.",
                "firstOrganiser", Map.of("userId", identities.subject("olga"), "displayName", "Olga Lindqvist", "email", "olga@example.org",
                        "organisation", "University of Lund", "constituency", "ACADEMIC", "interests", List.of("ai-governance"))), 201);
        UUID network = UUID.fromString(created.path("network").path("id").asText());
        UUID olgaId = UUID.fromString(created.path("firstOrganiserMemberId").asText());
        Person olga = new Person(olgaId, "olga");
        String base = "/api/v1/networks/" + network;

        List<Person> people = new ArrayList<>(List.of(olga));
        for (int i = 1; i < 200; i++) {
            people.add(join(network, olga, i));
        }
        Person omar = promote(network, olga, people.get(1));
        people.set(1, omar);
        say("200 members joined");

        purpose(base, olga, people);
        normBook(base, olga, people);
        cases(base, olga, omar, people);
        activities(base, olga, people);
        say("waiting for the health figures");
        api.await(metrics + base + "/health", olga.token(), h -> h.path("size").path("members").asInt() >= 199
                && h.path("conduct").path("breachesPer100ActiveMembersPer30Days").asDouble() > 0
                && h.path("trends").path("participationRecent4Weeks").asDouble() > 0, Duration.ofSeconds(60));
        return new Seeded(network, olgaId, olga.token(), false);
    }

    private Person join(UUID network, Person organiser, int i) {
        // the realm's own users are the first members, so that one can sign in as them (docs/keycloak.md)
        String subject = i <= REALM_MEMBERS.size() ? REALM_MEMBERS.get(i - 1) : "demo-member-" + i;
        String name = FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
        String org = ORGANISATIONS[(int) Math.floor(Math.pow(random.nextDouble(), 1.6) * ORGANISATIONS.length)];
        List<String> interests = List.of(List.of("ai-governance", "research-ethics", "public-policy", "business-ethics").get(i % 4));
        String token = identities.person(subject);
        JsonNode applied = api.call("POST", members + "/api/v1/networks/" + network + "/applications",
                token, Map.of("profile", Map.of("displayName", name + " " + i,
                        "email", subject + "@example.org", "organisation", org, "constituency", CONSTITUENCIES[i % CONSTITUENCIES.length],
                        "interests", interests, "sharedWithPartners", List.of("DISPLAY_NAME", "ORGANISATION"))), 201);
        UUID id = UUID.fromString(applied.path("id").asText());
        api.call("POST", members + "/api/v1/networks/" + network + "/members/" + id + "/approval", organiser.token(), null, 200);
        return new Person(id, subject);
    }

    private Person promote(UUID network, Person organiser, Person member) {
        api.call("PUT", members + "/api/v1/networks/" + network + "/members/" + member.id() + "/roles", organiser.token(),
                Map.of("roles", List.of("ORGANISER", "MEMBER")), 200);
        return member;
    }

    /** 160 endorse, 6 object, 14 abstain, 20 stay silent; it is adopted, and one objector leaves. */
    private void purpose(String base, Person olga, List<Person> people) {
        String purpose = api.call("POST", members + base + "/purposes", olga.token(), Map.of("statement",
                "Raise the standing of applied ethics with policy makers and the public, by showing what it changes in practice."),
                201).path("id").asText();
        api.call("POST", members + base + "/purposes/" + purpose + "/consultation", olga.token(),
                Map.of("closesAt", Instant.now().plus(14, ChronoUnit.DAYS).toString()), 200);
        for (int i = 0; i < 180; i++) {
            Map<String, Object> stance = i >= 174 ? Map.of("stance", "OBJECT", "reason", "The network should stay a research forum.")
                    : i >= 160 ? Map.of("stance", "ABSTAIN") : Map.of("stance", "ENDORSE");
            api.call("PUT", members + base + "/purposes/" + purpose + "/stances/mine", people.get(i).token(), stance, 200);
        }
        api.call("POST", members + base + "/purposes/" + purpose + "/closure", olga.token(), null, 200);
        Person leaver = people.get(179);
        api.call("POST", members + base + "/members/" + leaver.id() + "/departure", leaver.token(),
                Map.of("reason", "DOES_NOT_SHARE_PURPOSE", "note", "I prefer a pure research forum."), 200);
        say("purpose adopted; one objector left");
    }

    /** Seven norms; most members acknowledge the book; a member proposes an amendment and the members adopt it. */
    private void normBook(String base, Person olga, List<Person> people) {
        api.await(norms + base + "/norms-settings", olga.token(), s -> true, Duration.ofSeconds(30));
        String[][] book = {
                {"N-01", "Credit others' work", "Name the people whose ideas, words or data you use.", "collaboration", "MEDIUM"},
                {"N-02", "Disclose interests", "Say when you speak for a client or an employer.", "integrity", "HIGH"},
                {"N-03", "Keep confidences", "What is shared under Chatham House stays there.", "trust", "HIGH"},
                {"N-04", "Disagree with arguments", "Criticise positions, never people.", "conduct", "MEDIUM"},
                {"N-05", "Share what you learn", "Bring back what you learn from the network's events.", "reciprocity", "LOW"},
                {"N-06", "Keep commitments", "Deliver what you volunteer for, or hand it over in time.", "collaboration", "LOW"},
                {"N-07", "No solicitation", "Do not use members' contacts for unsolicited sales.", "integrity", "MEDIUM"}};
        Map<String, String> ids = new HashMap<>();
        for (String[] n : book) {
            String id = api.call("POST", norms + base + "/norms", olga.token(), Map.of("code", n[0], "title", n[1], "text", n[2],
                    "category", n[3], "severity", n[4]), 201).path("id").asText();
            api.call("POST", norms + base + "/norms/" + id + "/activation", olga.token(), null, 200);
            ids.put(n[0], id);
        }
        Map<String, Object> amend = new HashMap<>(Map.of("kind", "AMEND", "normId", ids.get("N-04"), "title", "Disagree with arguments",
                "text", "Criticise positions, never people; in writing as in meetings.", "category", "conduct", "severity", "MEDIUM",
                "rationale", "Most complaints came from online threads.", "closesAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()));
        String change = api.call("POST", norms + base + "/norm-changes", people.get(7).token(), amend, 201).path("id").asText();
        for (int i = 0; i < 120; i++) {
            api.call("PUT", norms + base + "/norm-changes/" + change + "/votes/mine", people.get(i).token(),
                    Map.of("choice", i % 10 == 0 ? "AGAINST" : i % 17 == 0 ? "ABSTAIN" : "FOR"), 200);
        }
        api.call("POST", norms + base + "/norm-changes/" + change + "/closure", olga.token(), null, 200);
        int version = api.call("GET", norms + base + "/norm-book", olga.token(), null, 200).path("version").asInt();
        for (int i = 0; i < 165; i++) {
            if (i != 179) {
                api.call("POST", norms + base + "/norm-book/acknowledgements", people.get(i).token(), Map.of("version", version), 200);
            }
        }
        this.normIds = ids;
        say("norm book version " + version + " acknowledged by 165 members; an amendment voted in");
    }

    /** One member climbs the ladder (the suspension is overturned on appeal); others get a correction; one is dismissed. */
    private void cases(String base, Person olga, Person omar, List<Person> people) {
        Person repeat = people.get(42);
        String suspension = null;
        for (String rung : List.of("CORRECTION", "WARNING", "TEMPORARY_SUSPENSION")) {
            suspension = upheld(base, olga, omar, people.get(17), repeat, "N-01", rung);
        }
        String appeal = api.call("POST", norms + base + "/sanctions/" + suspension + "/appeal", repeat.token(),
                Map.of("text", "The slides were co-written; the email thread shows it."), 201).path("id").asText();
        api.call("POST", norms + base + "/appeals/" + appeal + "/decision", olga.token(),
                Map.of("outcome", "UPHELD", "reason", "Co-authorship is documented."), 200);
        upheld(base, olga, omar, people.get(23), people.get(77), "N-04", "CORRECTION");
        upheld(base, olga, omar, people.get(31), people.get(88), "N-07", "WARNING");
        String dismissed = report(base, people.get(55), people.get(66), "N-03");
        api.call("POST", norms + base + "/cases/" + dismissed + "/claim", omar.token(), null, 200);
        api.call("POST", norms + base + "/cases/" + dismissed + "/decision", omar.token(),
                Map.of("outcome", "DISMISSED", "reason", "The information was already public."), 200);
        report(base, people.get(12), people.get(99), "N-02");
        say("cases decided at different rungs; one appeal upheld; one case still open");
    }

    private String upheld(String base, Person olga, Person omar, Person reporter, Person subject, String norm, String rung) {
        String caseId = report(base, reporter, subject, norm);
        api.call("POST", norms + base + "/cases/" + caseId + "/claim", omar.token(), null, 200);
        api.call("POST", norms + base + "/cases/" + caseId + "/decision", omar.token(), Map.of("outcome", "UPHELD", "reason", "Confirmed by two members."), 200);
        String recommended = api.call("GET", norms + base + "/cases/" + caseId + "/recommendation", omar.token(), null, 200).path("rung").asText();
        Map<String, Object> sanction = recommended.equals(rung) ? Map.of("rung", rung) : Map.of("rung", rung, "reason", "Proportionate here.");
        return api.call("POST", norms + base + "/cases/" + caseId + "/sanction", omar.token(), sanction, 201).path("id").asText();
    }

    private String report(String base, Person reporter, Person subject, String norm) {
        return api.call("POST", norms + base + "/breach-reports", reporter.token(), Map.of("subjectMemberId", subject.id(),
                "normId", normIds.get(norm), "normVersion", 1, "description", "Reported after a working group meeting."), 201)
                .path("id").asText();
    }

    /**
     * Six months: a core group of 25 active every week (most of them quieter in the last three weeks: the dip), an
     * occasional majority every few weeks, and a dormant tail whose last activity is months old.
     */
    private void activities(String base, Person olga, List<Person> people) {
        api.call("POST", members + base + "/partners", olga.token(), Map.of("name", "Ethics Forum events app",
                "clientId", identities.partnerClientId(), "scopes", List.of("activities:write", "health:read")), 201);
        String partner = identities.partner();
        api.await(metrics + base + "/health", partner, h -> h.path("size").path("members").asInt() >= 199, Duration.ofSeconds(60));
        Instant now = Instant.now();
        List<Map<String, Object>> all = new ArrayList<>();
        String[] coreTypes = {"CONTRIBUTED", "MENTORED", "COLLABORATED", "ATTENDED_EVENT", "SHARED_RESOURCE"};
        String[] casualTypes = {"POSTED", "COMMENTED", "ATTENDED_EVENT"};
        for (int i = 0; i < people.size(); i++) {
            if (i == 179) {
                continue;
            }
            for (int week = 25; week >= 0; week--) {
                Instant weekStart = now.minus(week * 7L + 6, ChronoUnit.DAYS);
                int count;
                if (i < 25) {
                    count = week < 3 && i % 5 != 0 ? random.nextInt(2) : 2 + random.nextInt(3);
                } else if (i < 150) {
                    count = random.nextInt(5) == 0 ? 1 : 0;
                } else {
                    count = week > 12 && random.nextInt(3) == 0 ? 1 : 0;
                }
                for (int k = 0; k < count; k++) {
                    String type = i < 25 ? coreTypes[random.nextInt(coreTypes.length)] : casualTypes[random.nextInt(casualTypes.length)];
                    Instant at = weekStart.plus(random.nextInt(6 * 24), ChronoUnit.HOURS);
                    if (at.isAfter(now)) {
                        continue;
                    }
                    all.add(Map.of("memberId", people.get(i).id().toString(), "type", type, "occurredAt", at.truncatedTo(ChronoUnit.MINUTES).toString(),
                            "idempotencyKey", "demo-" + i + "-" + week + "-" + k));
                }
            }
        }
        for (int from = 0; from < all.size(); from += 1000) {
            api.call("POST", metrics + base + "/activities", partner,
                    Map.of("activities", all.subList(from, Math.min(all.size(), from + 1000)), "source", "demo-events-app"), 202);
        }
        say(all.size() + " activities over six months");
    }

    private static void say(String line) {
        System.out.println("cohesion demo: " + line);
    }
}
