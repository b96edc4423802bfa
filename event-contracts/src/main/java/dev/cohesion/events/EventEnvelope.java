package dev.cohesion.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as it travels on every Cohesion topic: the context
 * attributes, the {@code networkid} extension, the payload in {@code data}, and, when the event was written while
 * a trace was going on, the W3C {@code traceparent} and {@code tracestate} of the CloudEvents distributed-tracing
 * extension (docs/events.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        UUID id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        UUID networkid,
        JsonNode data,
        String traceparent,
        String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** Kafka record content type of a structured CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static EventEnvelope of(UUID id, String source, EventType<?> type, Instant time, String subject,
                                   UUID networkId, Object payload) {
        return new EventEnvelope(SPEC_VERSION, id, source, type.name(), time, subject, CONTENT_TYPE, networkId,
                EventJson.MAPPER.valueToTree(payload), null, null);
    }

    /** The same event, carrying the trace it was written in (both null: none). */
    public EventEnvelope withTrace(String traceparent, String tracestate) {
        return new EventEnvelope(specversion, id, source, type, time, subject, datacontenttype, networkid, data, traceparent,
                tracestate);
    }

    /** The payload as the record the type declares. */
    public <T> T payload(EventType<T> type) {
        if (!type.name().equals(this.type)) {
            throw new IllegalArgumentException("event " + id + " is a " + this.type + ", not a " + type.name());
        }
        return EventJson.MAPPER.convertValue(data, type.payload());
    }
}
