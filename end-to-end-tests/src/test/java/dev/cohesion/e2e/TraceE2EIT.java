package dev.cohesion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.testing.TopicRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.cohesion.stack.process.CohesionService.MEMBERS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * One trace from a REST write in members-service, through its outbox and Kafka, to norms-service and
 * metrics-service consuming the event it wrote (docs/operations.md, "Traces"): the write's span, the relay's
 * producer span as its child, each consumer's span as the producer's child, all under one trace id, which the
 * event itself also carries (the CloudEvents traceparent).
 */
class TraceE2EIT {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void an_approval_is_one_trace_from_the_rest_call_through_the_outbox_and_kafka_into_both_consumers() throws Exception {
        String organiser = "user-" + UUID.randomUUID();
        String network = system.network("trace-" + UUID.randomUUID().toString().substring(0, 8), organiser);
        String organiserToken = system.stack().tokens(organiser).sign();
        String applicant = system.stack().tokens("user-" + UUID.randomUUID()).sign();
        String memberId = system.as(MEMBERS, applicant).body(Map.of("profile", Map.of("displayName", "Tia Traced", "constituency", "OTHER")))
                .post("/api/v1/networks/" + network + "/applications").then().statusCode(201).extract().path("id");

        HexFormat hex = HexFormat.of();
        String traceId = hex.formatHex(random(16));
        system.as(MEMBERS, organiserToken).header("traceparent", "00-" + traceId + "-" + hex.formatHex(random(8)) + "-01")
                .post("/api/v1/networks/" + network + "/members/" + memberId + "/approval").then().statusCode(200);

        TraceCollector traces = system.traces();
        try {
            // each service exports its spans in batches of its own, so the writer's may arrive after the consumers'
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> complete(traces.trace(traceId)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("trace " + traceId + " is not complete after 60 s (the write, its publication and both consumers); its spans: "
                    + traces.trace(traceId)
                    + "; spans collected in all: " + traces.count());
        }
        List<TraceCollector.Span> trace = traces.trace(traceId);
        TraceCollector.Span write = trace.stream().filter(s -> s.service().equals("members-service") && s.kind().equals("SPAN_KIND_SERVER"))
                .findFirst().orElseThrow(() -> new AssertionError("no server span of members-service in " + trace));
        TraceCollector.Span published = trace.stream().filter(s -> s.kind().equals("SPAN_KIND_PRODUCER")
                        && Topics.MEMBERS.equals(s.attributes().get("messaging.destination.name")))
                .findFirst().orElseThrow(() -> new AssertionError("no producer span on " + Topics.MEMBERS + " in " + trace));
        assertThat("the relay publishes as a child of the write", published.parentSpanId(), equalTo(write.spanId()));
        assertThat(published.service(), equalTo("members-service"));
        List<TraceCollector.Span> consumed = consumers(trace);
        assertThat(consumed.stream().map(TraceCollector.Span::service).toList(), hasItem("norms-service"));
        assertThat(consumed.stream().map(TraceCollector.Span::service).toList(), hasItem("metrics-service"));
        for (TraceCollector.Span c : consumed) {
            assertThat(c.service() + " consumes as a child of the publication", c.parentSpanId(), equalTo(published.spanId()));
        }

        JsonNode joined = null;
        ObjectMapper json = new ObjectMapper();
        for (TopicRecords.Record r : system.stack().records(Topics.MEMBERS)) {
            JsonNode event = json.readTree(r.value());
            if (event.path("data").path("memberId").asText().equals(memberId) && event.path("type").asText().contains("member-joined")) {
                joined = event;
            }
        }
        assertThat("member-joined carries the trace (CloudEvents distributed tracing)", joined == null ? null
                : joined.path("traceparent").asText().split("-")[1], equalTo(traceId));
    }

    private static boolean complete(List<TraceCollector.Span> trace) {
        boolean written = trace.stream().anyMatch(s -> s.service().equals("members-service") && s.kind().equals("SPAN_KIND_SERVER"));
        boolean published = trace.stream().anyMatch(s -> s.kind().equals("SPAN_KIND_PRODUCER"));
        return written && published && consumers(trace).stream().map(TraceCollector.Span::service).toList()
                .containsAll(List.of("norms-service", "metrics-service"));
    }

    private static List<TraceCollector.Span> consumers(List<TraceCollector.Span> trace) {
        return trace.stream().filter(s -> s.kind().equals("SPAN_KIND_CONSUMER")
                && Topics.MEMBERS.equals(s.attributes().get("messaging.destination.name"))).toList();
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
