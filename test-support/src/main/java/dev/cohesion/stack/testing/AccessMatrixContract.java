package dev.cohesion.stack.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The access matrix of a service, derived from its served contract: every operation must declare who may call it
 * (an operation added without a rule fails here), and every kind of caller of a real network gets what the rule
 * says: no token 401, a caller without a record in the network (another network's organiser, the administrator)
 * 404, a caller whose role is not allowed 403, an allowed caller none of these.
 */
public abstract class AccessMatrixContract {

    @Test
    public void every_operation_declares_who_may_call_it() {
        List<String> missing = ServiceApi.operations().stream()
                .filter(op -> op.access().isMissingNode() || op.access().isTextual())
                .map(Object::toString).toList();
        assertEquals(List.of(), missing, "operations without an @Access rule");
        assertTrue(!ServiceApi.operations().isEmpty(), "the service declares operations");
    }

    /** The network and its callers (built once per test class by the service's fixtures). */
    protected abstract NetworkCallers callers();

    @TestFactory
    public Stream<DynamicTest> every_caller_gets_what_the_rule_says() {
        NetworkCallers n = callers();
        return ServiceApi.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> check(op, n)));
    }

    /**
     * Called after an operation answered an allowed caller: a service whose operation starts background work that
     * takes the network away for a while (metrics-service's rebuild of its projections) waits here until it is back,
     * so that the next operations, and the next test classes, find the network as it was.
     */
    protected void settle(ServiceApi.Operation op, NetworkCallers n) {
    }

    private void check(ServiceApi.Operation op, NetworkCallers n) {
        String path = op.concretePath(n.networkId());
        expectProblem(call(op, path, null), 401, "no token");

        boolean partnerRole = op.roles().contains("partner");
        List<Caller> callers = List.of(
                // an organiser is an active member who organises: both roles
                new Caller("organiser", n.organiser(), op.roles().contains("organiser") || op.roles().contains("member"), true),
                new Caller("member", n.member(), op.roles().contains("member"), true),
                new Caller("partner with every scope", n.partnerWithEveryScope(), partnerRole, true),
                new Caller("partner without scopes", n.partnerWithoutScopes(), partnerRole && op.partnerScopes().isEmpty(), true),
                new Caller("person on record", n.personOnRecord(), op.roles().contains("person_on_record"), true),
                new Caller("stranger", n.stranger(), false, false),
                new Caller("platform administrator", n.admin(), op.admin(), false));
        for (Caller c : callers) {
            if (c.token() == null) {
                continue;
            }
            Answer r = call(op, path, c.token());
            if (c.allowed() || op.anyone()) {
                // a finer rule of the operation (only one's own record, say) may still refuse: type rule-violation
                boolean roleRefusal = r.statusCode() == 403 && !r.asString().contains("/problems/rule-violation");
                boolean networkRefusal = r.statusCode() == 404 && r.asString().contains("that you belong to");
                assertTrue(r.statusCode() != 401 && !roleRefusal && !networkRefusal,
                        op + " should let the " + c.label() + " in, got " + r.statusCode() + " " + r.asString());
                assertTrue(r.statusCode() < 500, op + " as " + c.label() + ": " + r.statusCode() + " " + r.asString());
                settle(op, n);
            } else if (op.networkScoped() && !c.hasGrant()) {
                // without a record in the network, the network does not exist for the caller (the administrator too)
                expectProblem(r, 404, op + " as " + c.label());
            } else {
                expectProblem(r, 403, op + " as " + c.label());
            }
        }
    }

    /**
     * Calls the operation. A live stream is opened with Java's HttpClient (through the contract proxy), which hands
     * back the status as soon as the stream starts, and closed at once.
     */
    static Answer call(ServiceApi.Operation op, String path, String token) {
        if (op.streams()) {
            HttpRequest.Builder request = ContractValidation.request(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                    .header("Accept", "text/event-stream, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        var request = RestAssured.given().accept("application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.hasBody()) {
            request.contentType("application/json").body("{}");
        }
        Response r = request.request(op.method().toUpperCase(), path);
        return new Answer(r.statusCode(), String.valueOf(r.contentType()), r.asString());
    }

    static void expectProblem(Answer r, int status, String what) {
        if (r.statusCode() != status) {
            fail(what + ": expected " + status + " but got " + r.statusCode() + " " + r.asString());
        }
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        JsonPath problem = new JsonPath(r.asString());
        assertEquals(status, problem.getInt("status"), what);
        assertTrue(problem.getString("type").startsWith("https://cohesion.dev/problems/"), what);
    }

    /** What an operation answered. */
    record Answer(int statusCode, String contentType, String asString) {
    }

    private record Caller(String label, String token, boolean allowed, boolean hasGrant) {
    }
}
