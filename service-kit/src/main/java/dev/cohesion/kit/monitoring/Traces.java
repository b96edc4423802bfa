package dev.cohesion.kit.monitoring;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context (traceparent, tracestate) of the operation going on, written with an event so that the
 * trace goes on when the outbox relay publishes it later (docs/events.md, "Traces"); and read back from there.
 */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** traceparent (and tracestate) of the current span; empty when nothing is being traced. */
    public static Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The context that {@link #current()} wrote, as the parent of what comes next; the current one when it wrote none. */
    public static Context parent(Map<String, String> carrier) {
        return carrier.containsKey(TRACEPARENT)
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER)
                : Context.current();
    }
}
