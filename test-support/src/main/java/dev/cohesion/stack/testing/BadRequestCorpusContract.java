package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sends a corpus of bad requests to every operation of a service, in a real network, as a caller allowed to call
 * it (so that the requests get past the access check to the validation and the service): malformed JSON, wrong
 * types and scalar coercions (a number for a string, a fraction for an integer), unknown enum values and unknown
 * fields, null and missing fields, the NUL character, instants out of the domain's window (year 300000, year 1),
 * injection strings, oversize bodies (with a Content-Length, and chunked), wrong content types, hostile path
 * segments, unreadable query parameters, a request line and headers over the limits, unknown paths, wrong methods.
 * Not one answer may be a 5xx or an error that is not problem+json, and what is invalid must be refused (4xx).
 */
public abstract class BadRequestCorpusContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE_STRINGS = List.of("'; drop table member; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x/a}", "x".repeat(10_000));

    /** The network and its callers (built once per test class by the service's fixtures). */
    protected abstract NetworkCallers callers();

    @TestFactory
    public Stream<DynamicTest> no_bad_request_gets_a_5xx_or_a_body_that_is_not_problem_json() {
        NetworkCallers n = callers();
        return ServiceApi.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            String token = op.admin() && op.roles().isEmpty() ? n.admin() : n.organiser();
            List<String> failures = new ArrayList<>();
            for (Request r : corpus(op, n)) {
                var request = RestAssured.given().header("Authorization", "Bearer " + token)
                        .accept("application/json, application/problem+json, text/event-stream");
                r.headers().forEach(request::header);
                if (r.contentType() != null) {
                    request.contentType(r.contentType()).body(r.body());
                }
                Response response = request.request(r.method(), r.path());
                check(r, response.statusCode(), String.valueOf(response.contentType()), response.asString(), failures);
            }
            if (op.hasBody()) {
                chunkedOversizeBody(op, n, token, failures);
            }
            assertEquals(List.of(), failures, op.toString());
        }));
    }

    private static void check(Request r, int status, String type, String body, List<String> failures) {
        if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))
                || (r.mustRefuse() && (status < 400 || status >= 500))) {
            failures.add(r.what() + " -> " + status + " " + type + " " + abbreviate(body));
        }
    }

    private List<Request> corpus(ServiceApi.Operation op, NetworkCallers n) {
        String method = op.method().toUpperCase();
        String path = op.concretePath(n.networkId());
        List<Request> corpus = new ArrayList<>();
        corpus.add(refused("unknown path", "GET", path + "/no-such-thing", null, null));
        corpus.add(refused("wrong method", "DELETE".equals(method) ? "PATCH" : "DELETE", path, null, null));
        if (op.networkScoped()) {
            for (String hostile : List.of("' OR 1=1 --", "<script>", "..%2F..%2Fetc", "not-a-uuid", "%00")) {
                corpus.add(refused("hostile path segment " + hostile, method,
                        path.replace(n.networkId().toString(), hostile), op.hasBody() ? "application/json" : null, "{}"));
            }
        }
        if (op.queryParameters().contains("limit")) {
            corpus.add(refused("limit out of range", method, path + "?limit=100000&cursor=%%%", jsonIf(op), "{}"));
        }
        corpus.add(refused("a request line over 4,096 characters", method, path + "?padding=" + "x".repeat(5000), jsonIf(op), "{}"));
        corpus.add(new Request("headers over 16 KiB", method, path, jsonIf(op), "{}", Map.of("X-Padding", "x".repeat(20_000)), true));
        for (String parameter : op.queryParameters()) {
            for (String value : List.of("abc", "maybe", "-1", "1.5", "%00", "x".repeat(300))) {
                corpus.add(new Request("query " + parameter + "=" + abbreviate(value), method, path + "?" + parameter + "=" + value,
                        jsonIf(op), "{}", Map.of(), false));
            }
        }
        if (!op.hasBody()) {
            return corpus;
        }
        corpus.add(refused("malformed JSON", method, path, "application/json", "{\"a\": "));
        corpus.add(refused("JSON array instead of object", method, path, "application/json", "[1,2]"));
        corpus.add(refused("null instead of object", method, path, "application/json", "null"));
        corpus.add(refused("trailing content", method, path, "application/json", "{} {}"));
        corpus.add(refused("empty object", method, path, "application/json", "{}"));
        corpus.add(refused("an unknown field", method, path, "application/json", "{\"notAField\": 1}"));
        corpus.add(refused("text/plain body", method, path, "text/plain", "hello"));
        corpus.add(refused("XML body", method, path, "application/xml", "<a/>"));
        corpus.add(refused("oversize body", method, path, "application/json", "{\"x\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}"));
        Iterator<Map.Entry<String, JsonNode>> fields = op.bodyProperties().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode schema = ServiceApi.resolve(op.document(), field.getValue());
            String name = field.getKey();
            String type = schema.path("type").asText();
            corpus.add(refused(name + " of the wrong type", method, path, "application/json",
                    object(name, type.equals("string") ? JSON.valueToTree(12345) : JSON.valueToTree("not-a-number"))));
            corpus.add(new Request(name + " null", method, path, "application/json", object(name, JSON.nullNode()), Map.of(), false));
            if (type.equals("integer")) {
                corpus.add(refused(name + " a fraction", method, path, "application/json", object(name, JSON.valueToTree(1.5))));
            }
            if (type.equals("string")) {
                corpus.add(refused(name + " with a NUL character", method, path, "application/json",
                        object(name, JSON.valueToTree("a\u0000b"))));
                corpus.add(new Request(name + " unknown enum value", method, path, "application/json",
                        object(name, JSON.valueToTree("NOT_A_KNOWN_VALUE")), Map.of(), schema.has("enum")));
                for (String hostile : HOSTILE_STRINGS) {
                    corpus.add(new Request(name + " hostile string", method, path, "application/json",
                            object(name, JSON.valueToTree(hostile)), Map.of(), false));
                }
            }
            if ("date-time".equals(schema.path("format").asText())) {
                for (String instant : List.of("+300000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1700000000")) {
                    corpus.add(refused(name + " at " + instant, method, path, "application/json",
                            object(name, instant.startsWith("1") ? JSON.valueToTree(1_700_000_000L) : JSON.valueToTree(instant))));
                }
            }
            if (type.equals("array")) {
                corpus.add(refused(name + " array of garbage", method, path, "application/json",
                        object(name, JSON.valueToTree(List.of(1, "x", List.of())))));
            }
        }
        return corpus;
    }

    /** A body sent in chunks, without Content-Length, that grows past the limit: 413 problem+json, nothing half-read. */
    private static void chunkedOversizeBody(ServiceApi.Operation op, NetworkCallers n, String token, List<String> failures) {
        URI target = URI.create("http://localhost:" + RestAssured.port + op.concretePath(n.networkId()));
        HttpRequest request = HttpRequest.newBuilder(target).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(op.method().toUpperCase(), HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream("{\"x\":\"".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayInputStream("y".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)))))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            check(new Request("chunked oversize body", op.method(), target.getPath(), null, null, Map.of(), true),
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), failures);
        } catch (IOException e) {
            failures.add("chunked oversize body -> " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("chunked oversize body -> interrupted");
        }
    }

    private static Request refused(String what, String method, String path, String contentType, String body) {
        return new Request(what, method, path, contentType, body, Map.of(), true);
    }

    private static String jsonIf(ServiceApi.Operation op) {
        return op.hasBody() ? "application/json" : null;
    }

    private static String object(String field, JsonNode value) {
        ObjectNode o = JSON.createObjectNode();
        o.set(field, value);
        return o.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** One bad request; {@code mustRefuse}: a 4xx is the only right answer. */
    private record Request(String what, String method, String path, String contentType, String body, Map<String, String> headers,
                           boolean mustRefuse) {
    }
}
