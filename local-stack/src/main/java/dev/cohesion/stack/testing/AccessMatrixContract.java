package dev.cohesion.stack.testing;

import dev.cohesion.stack.auth.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The access matrix of a service, derived from its served contract: every operation must declare who may call it
 * (an operation added without a rule fails here), and every kind of caller gets what the rule says — no token
 * 401, a caller of another network 404, a caller whose role is not allowed 403, an allowed caller neither.
 */
public abstract class AccessMatrixContract {

    private final LocalStack stack = LocalStack.get();

    @Test
    public void every_operation_declares_who_may_call_it() {
        List<String> missing = ServiceApi.operations().stream()
                .filter(op -> op.access().isMissingNode() || op.access().isTextual())
                .map(Object::toString).toList();
        assertEquals(List.of(), missing, "operations without an @Access rule");
        assertTrue(!ServiceApi.operations().isEmpty(), "the service declares operations");
    }

    @TestFactory
    public Stream<DynamicTest> every_caller_gets_what_the_rule_says() {
        return ServiceApi.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> check(op)));
    }

    private void check(ServiceApi.Operation op) {
        UUID network = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String path = op.concretePath(network);

        expectProblem(call(op, path, null), 401, "no token");

        List<Caller> callers = new ArrayList<>();
        // an organiser's grant holds both roles, organiser and member
        callers.add(new Caller("organiser", tokens("organiser").organiser(network, UUID.randomUUID()),
                op.roles().contains("organiser") || op.roles().contains("member")));
        callers.add(new Caller("member", tokens("member").member(network, UUID.randomUUID()), op.roles().contains("member")));
        boolean partnerRole = op.roles().contains("partner");
        callers.add(new Caller("partner with every scope",
                tokens("partner").partner(network, List.of("activities:write", "directory:read", "health:read")), partnerRole));
        callers.add(new Caller("partner without scopes", tokens("partner-bare").partner(network, List.of("none")),
                partnerRole && op.partnerScopes().isEmpty()));
        callers.add(new Caller("platform administrator", tokens("admin").admin(), op.admin()));

        for (Caller c : callers) {
            Response r = call(op, path, c.token.sign());
            boolean allowed = c.allowed || op.anyone() || (c.label.equals("platform administrator") && op.admin());
            if (allowed) {
                // a finer rule of the operation (only one's own record, say) may still refuse: type rule-violation
                boolean roleRefusal = r.statusCode() == 403 && !r.asString().contains("/problems/rule-violation");
                assertTrue(r.statusCode() != 401 && !roleRefusal,
                        op + " should let the " + c.label + " in, got " + r.statusCode() + " " + r.asString());
                assertTrue(r.statusCode() < 500, op + " as " + c.label + ": " + r.statusCode() + " " + r.asString());
            } else if (op.networkScoped() && !c.label.equals("platform administrator")) {
                expectProblem(r, 403, op + " as " + c.label);
            } else if (!op.networkScoped()) {
                expectProblem(r, 403, op + " as " + c.label);
            } else {
                // the platform administrator holds no grant in the network: it does not exist for them
                expectProblem(r, 404, op + " as " + c.label);
            }
        }
        if (op.networkScoped() && !op.anyone()) {
            Tokens outsider = tokens("outsider").organiser(other, UUID.randomUUID());
            expectProblem(call(op, path, outsider.sign()), 404, op + " by an organiser of another network");
        }
    }

    private Tokens tokens(String who) {
        return stack.tokens("matrix-" + who);
    }

    static Response call(ServiceApi.Operation op, String path, String token) {
        var request = RestAssured.given().accept("application/json, application/problem+json, text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.hasBody()) {
            request.contentType("application/json").body("{}");
        }
        return request.request(op.method().toUpperCase(), path);
    }

    static void expectProblem(Response r, int status, String what) {
        if (r.statusCode() != status) {
            fail(what + ": expected " + status + " but got " + r.statusCode() + " " + r.asString());
        }
        assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals(status, r.jsonPath().getInt("status"), what);
        assertTrue(r.jsonPath().getString("type").startsWith("https://cohesion.dev/problems/"), what);
    }

    private record Caller(String label, Tokens token, boolean allowed) {
    }
}
