package dev.cohesion.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector for the tests: it takes what the services export over OTLP (HTTP, protobuf, the
 * messages of the opentelemetry-proto project) and keeps each span with the service that made it. The services
 * sample only traces that arrive sampled (COHESION_TRACE_RATIO is 0), so it holds just what a test traced.
 */
public final class TraceCollector {

    /** A span as a test looks at it; ids in hexadecimal, as in a traceparent. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                       Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    public static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange; InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    collector.take(ExportTraceServiceRequest.parseFrom(body));
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    exchange.getResponseBody().write(answer);
                } catch (IOException | RuntimeException | LinkageError e) {
                    System.err.println("trace collector: cannot read an export: " + e);
                    exchange.sendResponseHeaders(400, -1);
                }
            });
            server.setExecutor(null);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What COHESION_OTLP_ENDPOINT is set to: the exporter appends /v1/traces. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int count() {
        return spans.size();
    }

    public List<Span> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void take(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
                    spans.add(new Span(service, hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(),
                            s.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> value(kv), (a, b) -> b))));
                }
            }
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return resource.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, TraceCollector::value, (a, b) -> b));
    }

    private static String value(KeyValue kv) {
        var v = kv.getValue();
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString();
        };
    }
}
