package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.stack.process.FreePorts;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every request a test JVM sends to its service's API goes through {@code clients/contract-proxy.mjs}, which
 * validates the exchange against the service's committed OpenAPI contract with Stoplight Prism's validator (a
 * validator this project did not write). A response that breaks the contract (a status the operation does not
 * declare, a body or header against its schema, a null where the contract says string) fails the test that got
 * it, whatever that test was about; an error that is not {@code application/problem+json} too. Violations on
 * the request side are ignored: tests send bad requests on purpose. Every exchange is logged to
 * {@link #exchangeLog()}, which {@link ContractCoverageContract} reads.
 */
public final class ContractValidation implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ContractValidation installed;

    private final int port;
    private final Path log;

    private ContractValidation(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts the proxy for the service's contract (once per JVM) and routes rest-assured's API calls through it. */
    public static synchronized void install(String service) {
        if (installed != null) {
            return;
        }
        Path root = Path.of(System.getProperty("cohesion.home", "..")).toAbsolutePath().normalize();
        Path contract = root.resolve("docs/openapi/" + service + ".openapi.json");
        Path log = Path.of("target", "contract-exchanges.jsonl").toAbsolutePath();
        int port = FreePorts.find();
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            Process node = new ProcessBuilder("node", "contract-proxy.mjs", contract.toString(), Integer.toString(port), log.toString())
                    .directory(root.resolve("clients").toFile()).redirectErrorStream(true)
                    .redirectOutput(log.resolveSibling("contract-proxy.out").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(node::destroy, "contract-proxy-stop"));
            awaitListening(port, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the contract proxy (Node.js 20+ and `npm ci` in clients/ are needed)", e);
        }
        installed = new ContractValidation(port, log);
        RestAssured.filters(installed);
    }

    /**
     * A request for a client other than rest-assured (a live stream read with Java's HttpClient), addressed
     * through the proxy when one runs, so that its answer is validated too.
     */
    public static HttpRequest.Builder request(URI target) {
        if (installed == null) {
            return HttpRequest.newBuilder(target);
        }
        URI proxied = URI.create("http://127.0.0.1:" + installed.port + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        return HttpRequest.newBuilder(proxied).header("x-contract-upstream", Integer.toString(target.getPort()));
    }

    /** One JSON line per exchange: method, path, status, contentType, validated, violations. */
    public static Path exchangeLog() {
        if (installed == null) {
            throw new IllegalStateException("no contract proxy runs in this JVM");
        }
        return installed.log;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        String path = request.getURI().replaceFirst("^[a-z]+://[^/]+", "");
        if (!path.startsWith("/api/") || request.getPort() == port) {
            return context.next(request, response);
        }
        request.header("x-contract-upstream", Integer.toString(request.getPort()));
        request.port(port);
        Response answer = context.next(request, response);
        List<String> problems = problems(answer);
        if (!problems.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + path + " answered " + answer.statusCode()
                    + " against the contract (exchange " + answer.header("x-contract-exchange") + " of " + log + "): "
                    + String.join("; ", problems));
        }
        return answer;
    }

    private static List<String> problems(Response answer) {
        List<String> problems = new ArrayList<>();
        if (answer.header("x-contract-proxy-error") != null) {
            problems.add("the proxy failed: " + answer.asString());
            return problems;
        }
        String type = String.valueOf(answer.contentType());
        if (answer.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
            problems.add("an error answered as " + type + ", not application/problem+json");
        }
        String violations = answer.header("sl-violations");
        if (violations != null) {
            try {
                for (JsonNode v : JSON.readTree(violations)) {
                    if (!"request".equals(v.path("location").path(0).asText())) {
                        problems.add(v.path("severity").asText() + " at " + v.path("location") + ": " + v.path("message").asText());
                    }
                }
            } catch (IOException e) {
                problems.add("unreadable sl-violations header: " + violations);
            }
        }
        return problems;
    }

    private static void awaitListening(int port, Process node) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IOException("the contract proxy exited with " + node.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        throw new IOException("the contract proxy did not listen on port " + port + " within 60 s");
    }
}
