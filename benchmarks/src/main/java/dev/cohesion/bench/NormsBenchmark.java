package dev.cohesion.bench;

import dev.cohesion.events.EventJson;
import dev.cohesion.events.TopicAccess;
import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.JoinRoute;
import dev.cohesion.events.members.MemberJoined;
import dev.cohesion.events.members.MemberProfile;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.NetworkCreated;
import dev.cohesion.events.members.NetworkSettings;
import dev.cohesion.events.members.Principal;
import dev.cohesion.events.members.Role;
import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * norms-service's dashboard lists at the design's size: the cases (all, by status, a member's own) and who has or has
 * not acknowledged the norm book, in a network of 100,000 members. The network, its first organiser and the norm
 * book arrive as in production (events from members-service, the organiser's calls); the other members, their
 * acknowledgements and the cases are written by SQL into the tables the service fills.
 */
public final class NormsBenchmark {

    static final Map<String, String> OPTIONS = Map.of("norms-members", "100000", "cases", "20000", "list-reads", "200");

    private final Bench bench = new Bench();
    private final UUID network = UUID.randomUUID();

    public static void main(String[] args) {
        Bench.main(args, OPTIONS, NormsBenchmark::run);
    }

    static void run(Map<String, String> o) throws Exception {
        new NormsBenchmark().run(Integer.parseInt(o.get("norms-members")), Integer.parseInt(o.get("cases")), Integer.parseInt(o.get("list-reads")));
    }

    private void run(int memberCount, int cases, int readCount) throws Exception {
        ServiceProcess norms = bench.start(CohesionService.NORMS, Map.of());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL, Kafka and norms-service on it");
        UUID organiserMember = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = bench.producer(TopicAccess.MEMBERS_SERVICE)) {
            Bench.send(producer, network, MembersEvents.NETWORK_CREATED, network.toString(), new NetworkCreated(network,
                    "bench-" + network.toString().substring(0, 8), "Benchmark network", new NetworkSettings(30, 60, 30, 0.5, 2.0 / 3.0), Instant.now()));
            Bench.send(producer, network, MembersEvents.MEMBER_JOINED, network.toString(), new MemberJoined(network, organiserMember,
                    List.of(Role.ORGANISER, Role.MEMBER), JoinRoute.APPLICATION, Instant.now()));
            Bench.send(producer, network, MembersEvents.MEMBER_PROFILE, organiserMember.toString(), new MemberProfile(network, organiserMember,
                    "Olga", "Organisation 1", Constituency.ACADEMIC, List.of(), new Principal(DevKeys.ISSUER, "bench-organiser"), Instant.now()));
        }
        // the organiser's membership (members topic) and sign-in identity (profiles topic); under `all`, behind the
        // events of the benchmarks before this one
        bench.awaitSql("norms", "select count(*) from member m join member_identity i on i.member_id = m.id where m.id = '"
                + organiserMember + "' and m.organiser", 1, Duration.ofMinutes(15));
        String organiser = bench.stack.tokens("bench-organiser").sign();
        String base = norms.baseUrl() + "/api/v1/networks/" + network;
        String norm = Calls.post(base + "/norms", organiser, EventJson.MAPPER.writeValueAsString(Map.of("code", "N-01", "title",
                "Credit others' work", "text", "When you use a colleague's idea, name them.", "category", "collaboration", "severity", "MEDIUM")), 201)
                .path("id").asText();
        Calls.post(base + "/norms/" + norm + "/activation", organiser, null, 200);
        seed(memberCount, cases, UUID.fromString(norm));
        figures.put("seeded by SQL", memberCount + " members (90% active), 60% of the active ones acknowledged the book, " + cases + " cases");

        String busiest = bench.stack.query("norms", "select i.subject from breach_case b join member_identity i on i.member_id = b.subject_member_id "
                + "where b.network_id = ? group by i.subject order by count(*) desc limit 1", network).get(0).get(0).toString();
        String member = bench.stack.tokens(busiest).sign();
        List<Calls.Read> reads = new ArrayList<>();
        reads.add(new Calls.Read("GET …/cases?limit=50 (organiser, " + cases + " cases)", () -> base + "/cases?limit=50", organiser));
        for (String status : List.of("OPEN", "UPHELD")) {
            reads.add(new Calls.Read("GET …/cases?status=" + status + "&limit=50 (organiser)", () -> base + "/cases?status=" + status + "&limit=50",
                    organiser));
        }
        reads.add(new Calls.Read("GET …/cases?limit=50 (the member in the most cases: their own)", () -> base + "/cases?limit=50", member));
        for (boolean acknowledged : List.of(true, false)) {
            reads.add(new Calls.Read("GET …/norm-book/acknowledgements?acknowledged=" + acknowledged + "&limit=50 (" + memberCount + " members)",
                    () -> base + "/norm-book/acknowledgements?acknowledged=" + acknowledged + "&limit=50", organiser));
        }
        Calls.reads(figures, readCount, reads);
        bench.startAndMemory(figures, norms);
        bench.stopServices();
        Report.report("norms-service: cases and acknowledgements", figures);
    }

    /** Members, their sign-in identities and acknowledgements of book version 1, and cases in every status, by SQL. */
    private void seed(int memberCount, int cases, UUID norm) throws Exception {
        try (Connection c = bench.database("norms"); Statement s = c.createStatement()) {
            s.execute("create temporary table seed as select gen_random_uuid() as id, g from generate_series(1, " + (memberCount - 1) + ") g");
            s.execute("insert into member (id, network_id, status, organiser, joined_at) select id, '" + network + "', "
                    + "case when g % 10 = 0 then 'LEFT' else 'ACTIVE' end, false, now() - interval '300 days' from seed");
            s.execute("insert into member_identity (member_id, network_id, issuer, subject, display_name) select id, '" + network + "', '"
                    + DevKeys.ISSUER + "', 'seed-' || g, 'Member ' || g from seed");
            s.execute("insert into acknowledgement (network_id, member_id, book_version, acknowledged_at) select '" + network + "', id, 1, now() "
                    + "from seed where g % 10 <> 0 and random() < 0.6");
            s.execute("create temporary table seed_rank as select id, row_number() over () - 1 as rn from seed");
            s.execute("create index on seed_rank (rn)");
            // subjects and reporters skewed (rank n·u²): a few members are in many cases
            s.execute("insert into breach_case (id, network_id, norm_id, norm_version, subject_member_id, reporter_member_id, description, status, "
                    + "opened_at, decided_at, row_version) select gen_random_uuid(), '" + network + "', '" + norm + "', 1, subj.id, rep.id, "
                    + "'Used a colleague''s slides without naming them.', st.status, now() - (g || ' minutes')::interval, "
                    + "case when st.status in ('UPHELD', 'DISMISSED') then now() - (g || ' minutes')::interval + interval '3 days' end, 1 "
                    + "from (select g, floor(" + (memberCount - 1) + " * power(random(), 2)) as s, floor(" + (memberCount - 1)
                    + " * power(random(), 2)) as r from generate_series(1, " + cases + ") g offset 0) x "
                    + "join seed_rank subj on subj.rn = x.s join seed_rank rep on rep.rn = x.r "
                    + "join (values (0, 'OPEN'), (1, 'UNDER_REVIEW'), (2, 'UPHELD'), (3, 'UPHELD'), (4, 'DISMISSED'), (5, 'DISMISSED'), (6, 'UPHELD'), "
                    + "(7, 'DISMISSED'), (8, 'UPHELD'), (9, 'DISMISSED')) st(i, status) on st.i = x.g % 10");
            s.execute("analyze");
        }
    }
}
