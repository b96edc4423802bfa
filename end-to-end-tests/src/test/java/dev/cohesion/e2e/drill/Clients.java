package dev.cohesion.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.e2e.RunningSystem;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drill's REST clients, as a load balancer in front of the instances would be: each call goes to a random
 * running instance, and to another one when the first refuses the connection (killed, or not listening yet). Every
 * answer is counted; a 5xx other than 503 is kept as a finding.
 */
final class Clients {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, body (null when empty or not JSON), content type, how long it took. */
    record Answer(int status, JsonNode body, String contentType, Duration took) {
        String problemType() {
            return body == null ? "" : body.path("type").asText("");
        }
    }

    private final RunningSystem system;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final Queue<String> unexpected5xx = new ConcurrentLinkedQueue<>();
    private final Queue<Lost> lost = new ConcurrentLinkedQueue<>();

    Clients(RunningSystem system) {
        this.system = system;
    }

    /**
     * Sends the call to a running instance of the service. Throws when no instance takes the connection, or when
     * the connection broke or timed out after the request was sent: then nobody knows whether it was done.
     */
    Answer call(CohesionService service, String method, String path, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        List<ServiceProcess> instances = system.instances(service);
        int first = ThreadLocalRandom.current().nextInt(Math.max(1, instances.size()));
        ConnectException refused = new ConnectException("no instance of " + service.module() + " is running");
        for (int i = 0; i < instances.size(); i++) {
            ServiceProcess target = instances.get((first + i) % instances.size());
            try {
                return send(target.baseUrl(), method, path, token, body, headers);
            } catch (ConnectException e) {
                refused = e;
            }
        }
        throw refused;
    }

    /** The same, to one given instance. */
    Answer send(String baseUrl, String method, String path, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        Instant sent = Instant.now();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException notTaken) {
            throw notTaken;
        } catch (IOException lostAnswer) {
            lost.add(new Lost(baseUrl, method + " " + path, sent));
            throw lostAnswer;
        }
        Duration took = Duration.between(sent, Instant.now());
        answers.incrementAndGet();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() == 503 && (!path.startsWith("/api/") || contentType.startsWith("application/problem+json"))) {
            unavailable.incrementAndGet();
        } else if (response.statusCode() >= 500) {
            unexpected5xx.add(method + " " + baseUrl + path + " -> " + response.statusCode() + " " + contentType + " " + response.body());
        }
        JsonNode json = null;
        try {
            json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException notJson) {
            // kept as null: the caller asserts on the status
        }
        return new Answer(response.statusCode(), json, contentType, took);
    }

    /** A request sent to an instance that took it, but whose answer never came (the connection broke or timed out). */
    record Lost(String baseUrl, String request, Instant sent) {
    }

    /** Requests to this instance, sent since then, that got no answer. */
    List<Lost> lostAt(String baseUrl, Instant since) {
        return lost.stream().filter(l -> l.baseUrl().equals(baseUrl) && !l.sent().isBefore(since)).toList();
    }

    long answers() {
        return answers.get();
    }

    long unavailable() {
        return unavailable.get();
    }

    List<String> unexpected5xx() {
        return List.copyOf(unexpected5xx);
    }
}
