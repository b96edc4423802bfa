package dev.cohesion.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payload records producers and consumers use must match the committed JSON Schemas: a record that drifts
 * from its schema (a field added, removed, renamed, retyped) fails this test and so the build.
 */
class EventContractTest {

    @Test
    void every_type_has_a_schema_and_every_schema_a_type() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getClassLoader().getResource("schemas").toURI());
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".schema.json"))
                    .map(p -> "schemas/" + root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = EventCatalog.ALL.stream().map(EventType::schemaResource)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(EventSchemas.ENVELOPE_SCHEMA);
        assertEquals(expected, files);
    }

    @Test
    void type_names_are_unique_and_carry_their_topic_and_version() {
        assertEquals(EventCatalog.ALL.size(), EventCatalog.ALL.stream().map(EventType::name).distinct().count());
        for (EventType<?> type : EventCatalog.ALL) {
            assertTrue(type.topic().startsWith("cohesion." + type.producer() + "."), type.name());
            assertTrue(type.name().matches(".*\\.v[0-9]+$"), type.name());
            assertEquals(type.name(), EventSchemas.schemaDocument(type.schemaResource()).path("title").asText());
        }
    }

    @TestFactory
    Stream<DynamicTest> record_components_are_exactly_the_schema_properties() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode schema = EventSchemas.schemaDocument(type.schemaResource());
            assertSameFields(type.payload(), schema, type.name());
        }));
    }

    @TestFactory
    Stream<DynamicTest> fully_populated_payloads_validate_in_their_envelope() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), "/cohesion/test", type, Instant.now(),
                    "networks/x", UUID.randomUUID(), Samples.full(type.payload()));
            JsonNode json = EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsString(envelope));
            assertEquals(List.of(), EventSchemas.validate(type, json));
        }));
    }

    @TestFactory
    Stream<DynamicTest> payloads_without_their_optional_fields_validate() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode data = EventJson.MAPPER.valueToTree(Samples.minimal(type.payload()));
            assertEquals(List.of(), EventSchemas.validatePayload(type, data));
        }));
    }

    @TestFactory
    Stream<DynamicTest> a_payload_missing_a_required_field_is_rejected() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            ObjectNode data = EventJson.MAPPER.valueToTree(Samples.full(type.payload()));
            String required = EventSchemas.schemaDocument(type.schemaResource()).path("required").get(0).asText();
            data.remove(required);
            assertFalse(EventSchemas.validatePayload(type, data).isEmpty(), "missing " + required + " went unnoticed");
        }));
    }

    @Test
    void a_payload_of_the_wrong_shape_is_rejected_with_readable_reasons() throws IOException {
        JsonNode data = EventJson.MAPPER.readTree("""
                {"networkId":"not-a-uuid","memberId":"6f1c2a40-8a7e-4b4e-9a51-2c1c0f6a5b10","type":"posted",
                 "occurredAt":"yesterday","idempotencyKey":""}""");
        List<String> problems = EventSchemas.validatePayload(
                dev.cohesion.events.activities.ActivitiesEvents.ACTIVITY_RECORDED, data);
        String all = String.join("\n", problems);
        assertTrue(all.contains("/networkId"), all);
        assertTrue(all.contains("/type"), all);
        assertTrue(all.contains("/occurredAt"), all);
        assertTrue(all.contains("/idempotencyKey"), all);
    }

    @Test
    void the_envelope_round_trips_to_the_payload_record() throws IOException {
        var type = dev.cohesion.events.members.MembersEvents.MEMBER_ERASED;
        var payload = new dev.cohesion.events.members.MemberErased(UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2026-01-02T03:04:05Z"));
        EventEnvelope sent = EventEnvelope.of(UUID.randomUUID(), "/cohesion/members-service", type, Instant.now(),
                "members/" + payload.memberId(), payload.networkId(), payload);
        EventEnvelope received = EventJson.MAPPER.readValue(EventJson.MAPPER.writeValueAsString(sent), EventEnvelope.class);
        assertEquals(payload, received.payload(type));
        assertEquals("1.0", received.specversion());
        assertEquals(payload.networkId(), received.networkid());
    }

    private static void assertSameFields(Class<?> record, JsonNode schema, String where) {
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(properties, components, where + ": the record's fields and the schema's properties differ");
        List<String> problems = new ArrayList<>();
        for (var c : record.getRecordComponents()) {
            boolean required = OptionalFields.required(schema).contains(c.getName());
            if (!required && c.getType().isPrimitive()) {
                problems.add(c.getName() + " is optional in the schema but primitive in Java");
            }
            Class<?> nested = c.getType();
            if (nested.isRecord()) {
                assertSameFields(nested, schema.path("properties").path(c.getName()), where + "." + c.getName());
            } else if (nested == List.class && c.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                assertSameFields(item, schema.path("properties").path(c.getName()).path("items"), where + "." + c.getName());
            }
        }
        assertEquals(List.of(), problems, where);
    }
}
