package dev.cohesion.bench;

import dev.cohesion.events.EventJson;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Freshness probes on metrics-service: activities posted one at a time through the REST door, every 100 ms; each timed
 * from its 202 until the member's engagement (the organiser's read) shows it as the member's last activity.
 */
final class Freshness {

    private Freshness() {
    }

    /** {@code probes} probes on the network's API ({@code …/api/v1/networks/{id}}), the i-th for member(i); latencies in ns. */
    static long[] probe(Bench bench, String networkApi, int probes, IntFunction<UUID> member) throws Exception {
        String partner = bench.stack.tokens("bench-partner").client("bench-partner").sign();
        String organiser = bench.stack.tokens("bench-organiser").sign();
        long[] nanos = new long[probes];
        for (int i = 0; i < probes; i++) {
            UUID probed = member.apply(i);
            Instant occurred = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Calls.post(networkApi + "/activities", partner, "{\"activities\":[{\"memberId\":\"" + probed + "\",\"type\":\"POSTED\",\"occurredAt\":\""
                    + occurred + "\",\"idempotencyKey\":\"probe-" + UUID.randomUUID() + "\"}]}", 202);
            long acknowledged = System.nanoTime();
            long deadline = acknowledged + Duration.ofSeconds(30).toNanos();
            while (!occurred.toString().equals(lastActivity(networkApi, probed, organiser))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a probe activity was not visible after 30 s");
                }
                Thread.sleep(2);
            }
            nanos[i] = System.nanoTime() - acknowledged;
            Thread.sleep(100);
        }
        return nanos;
    }

    private static String lastActivity(String networkApi, UUID member, String token) throws Exception {
        HttpResponse<String> r = Calls.HTTP.send(HttpRequest.newBuilder(URI.create(networkApi + "/members/" + member + "/engagement"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        String last = EventJson.MAPPER.readTree(r.body()).path("lastActivityAt").asText(null);
        return last == null ? null : Instant.parse(last).toString();
    }
}
