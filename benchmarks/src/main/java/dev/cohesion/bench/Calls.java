package dev.cohesion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The benchmarks' calls to a service's API: timed reads, and POSTs that must answer as expected. */
final class Calls {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Calls() {
    }

    /** Sequential GETs after as many warm-up calls; returns each call's latency in nanoseconds. */
    static long[] time(int calls, Supplier<String> url, String token) throws IOException, InterruptedException {
        long[] nanos = new long[calls];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url.get())).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url.get() + " answered " + r.statusCode() + ": " + r.body());
                }
            }
        }
        return nanos;
    }

    /** A POST with a JSON body (or none), which must answer {@code expected}; returns the answer's body. */
    static JsonNode post(String url, String token, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        request = json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }

    /** A dashboard read: what it calls, with whose token. */
    record Read(String call, Supplier<String> url, String token) {
    }

    /**
     * Dashboard reads: every one called first (so that the compiler has seen them all, as in a service that has run
     * for a while), then each timed; latencies in the benchmark's table, each p99 against the 20 ms bar in the summary.
     */
    static void reads(Map<String, String> figures, int calls, List<Read> reads) throws IOException, InterruptedException {
        for (Read r : reads) {
            time(calls, r.url(), r.token());
        }
        for (Read r : reads) {
            long[] nanos = time(calls, r.url(), r.token());
            figures.put("read: " + r.call(), Report.latencies(nanos));
            Report.bar(r.call() + ", p99", Report.p99(nanos), "ms", 20);
        }
    }
}
