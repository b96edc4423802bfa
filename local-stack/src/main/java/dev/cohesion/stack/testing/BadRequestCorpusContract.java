package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sends a corpus of bad requests to every operation of a service, as a caller allowed to reach it: malformed
 * JSON, wrong types, unknown enum values, missing fields, injection strings, oversize bodies, wrong content
 * types, hostile path segments, unknown paths, wrong methods. Not one answer may be a 5xx or an error that is
 * not problem+json.
 */
public abstract class BadRequestCorpusContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE_STRINGS = List.of("'; drop table member; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x/a}", "\u0000", "x".repeat(10_000));

    private final LocalStack stack = LocalStack.get();

    @TestFactory
    public Stream<DynamicTest> no_bad_request_gets_a_5xx_or_a_body_that_is_not_problem_json() {
        return ServiceApi.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            UUID network = UUID.randomUUID();
            String token = stack.tokens("corpus").admin().organiser(network, UUID.randomUUID()).sign();
            List<String> failures = new ArrayList<>();
            for (Request r : corpus(op, network)) {
                var request = RestAssured.given().header("Authorization", "Bearer " + token)
                        .accept("application/json, application/problem+json, text/event-stream");
                if (r.contentType() != null) {
                    request.contentType(r.contentType()).body(r.body());
                }
                Response response = request.request(r.method(), r.path());
                int status = response.statusCode();
                String type = String.valueOf(response.contentType());
                if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))) {
                    failures.add(r.what() + " -> " + status + " " + type + " " + abbreviate(response.asString()));
                }
            }
            assertEquals(List.of(), failures, op.toString());
        }));
    }

    private List<Request> corpus(ServiceApi.Operation op, UUID network) {
        String method = op.method().toUpperCase();
        String path = op.concretePath(network);
        List<Request> corpus = new ArrayList<>();
        corpus.add(new Request("unknown path", "GET", path + "/no-such-thing", null, null));
        corpus.add(new Request("wrong method", "DELETE".equals(method) ? "PATCH" : "DELETE", path, null, null));
        for (String hostile : List.of("' OR 1=1 --", "<script>", "..%2F..%2Fetc", "not-a-uuid")) {
            corpus.add(new Request("hostile path segment " + hostile, method,
                    path.replace(network.toString(), hostile), op.hasBody() ? "application/json" : null, "{}"));
        }
        corpus.add(new Request("limit out of range", method, path + "?limit=100000&cursor=%%%", jsonIf(op), "{}"));
        if (!op.hasBody()) {
            return corpus;
        }
        corpus.add(new Request("malformed JSON", method, path, "application/json", "{\"a\": "));
        corpus.add(new Request("JSON array instead of object", method, path, "application/json", "[1,2]"));
        corpus.add(new Request("empty object", method, path, "application/json", "{}"));
        corpus.add(new Request("text/plain body", method, path, "text/plain", "hello"));
        corpus.add(new Request("XML body", method, path, "application/xml", "<a/>"));
        corpus.add(new Request("oversize body", method, path, "application/json",
                "{\"x\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}"));
        Iterator<Map.Entry<String, JsonNode>> fields = op.bodyProperties().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode schema = ServiceApi.resolve(op.document(), field.getValue());
            String name = field.getKey();
            corpus.add(new Request(name + " of the wrong type", method, path, "application/json",
                    object(name, schema.path("type").asText().equals("string") ? JSON.valueToTree(12345) : JSON.valueToTree("not-a-number"))));
            corpus.add(new Request(name + " null", method, path, "application/json", object(name, JSON.nullNode())));
            if (schema.has("enum") || schema.path("type").asText().equals("string")) {
                corpus.add(new Request(name + " unknown enum value", method, path, "application/json",
                        object(name, JSON.valueToTree("NOT_A_KNOWN_VALUE"))));
                for (String hostile : HOSTILE_STRINGS) {
                    corpus.add(new Request(name + " hostile string", method, path, "application/json",
                            object(name, JSON.valueToTree(hostile))));
                }
            }
            if (schema.path("type").asText().equals("array")) {
                corpus.add(new Request(name + " array of garbage", method, path, "application/json",
                        object(name, JSON.valueToTree(List.of(1, "x", List.of())))));
            }
        }
        return corpus;
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

    private record Request(String what, String method, String path, String contentType, String body) {
    }
}
