package dev.cohesion.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The public REST APIs, as the demo seeder calls them: JSON in, JSON out, a clear failure otherwise. */
final class DemoApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JsonNode call(String method, String url, String token, Object body, int... expected) {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(1000);
                    continue;
                }
                for (int status : expected) {
                    if (response.statusCode() == status) {
                        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
                    }
                }
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Polls a GET until the answer satisfies the check (projections fed by events catch up within a second or so). */
    JsonNode await(String url, String token, Predicate<JsonNode> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode last = null;
            try {
                last = call("GET", url, token, null, 200);
                if (ready.test(last)) {
                    return last;
                }
            } catch (IllegalStateException notYet) {
                // 404 until the projection knows the network
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting on " + url + (last == null ? "" : ": " + last));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
