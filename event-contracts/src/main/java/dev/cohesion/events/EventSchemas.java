package dev.cohesion.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates events against the committed JSON Schemas (draft 2020-12): the CloudEvents envelope schema and one
 * schema per event type. Producers' tests and consumers at run time use the same files.
 */
public final class EventSchemas {

    public static final String ENVELOPE_SCHEMA = "schemas/cloudevent-envelope.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Problems with the envelope, or with the payload against its type's schema; empty when valid. */
    public static List<String> validate(EventType<?> type, JsonNode envelope) {
        List<String> problems = problems(ENVELOPE_SCHEMA, envelope);
        if (!problems.isEmpty()) {
            return problems;
        }
        return problems(type.schemaResource(), envelope.get("data")).stream().map(p -> "data" + p).toList();
    }

    /** Problems with the envelope alone. */
    public static List<String> validateEnvelope(JsonNode envelope) {
        return problems(ENVELOPE_SCHEMA, envelope);
    }

    public static List<String> validatePayload(EventType<?> type, JsonNode data) {
        return problems(type.schemaResource(), data);
    }

    public static JsonNode schemaDocument(String resource) {
        try (InputStream in = open(resource)) {
            return EventJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> problems(String resource, JsonNode node) {
        Schema schema = SCHEMAS.computeIfAbsent(resource, r -> REGISTRY.getSchema(schemaDocument(r)));
        List<Error> errors = schema.validate(node == null ? EventJson.MAPPER.nullNode() : node);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static InputStream open(String resource) {
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no schema at " + resource);
        }
        return in;
    }
}
