package dev.cohesion.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

/** A component is optional when the schema of the record's type (or of the enclosing object) does not require it. */
final class OptionalFields {

    private OptionalFields() {
    }

    static boolean isOptional(Class<?> record, String component) {
        for (EventType<?> type : EventCatalog.ALL) {
            JsonNode object = objectSchemaFor(EventSchemas.schemaDocument(type.schemaResource()), type.payload(), record);
            if (object != null) {
                return !required(object).contains(component);
            }
        }
        throw new IllegalStateException(record + " belongs to no event type");
    }

    static Set<String> required(JsonNode objectSchema) {
        Set<String> names = new HashSet<>();
        objectSchema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The (sub)schema describing {@code wanted} inside the schema of {@code root}, or null. */
    static JsonNode objectSchemaFor(JsonNode schema, Class<?> root, Class<?> wanted) {
        if (root == wanted) {
            return schema;
        }
        for (var component : root.getRecordComponents()) {
            Class<?> type = component.getType();
            JsonNode property = schema.path("properties").path(component.getName());
            if (type.isRecord()) {
                JsonNode found = objectSchemaFor(property, type, wanted);
                if (found != null) {
                    return found;
                }
            } else if (type == java.util.List.class
                    && component.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                JsonNode found = objectSchemaFor(property.path("items"), item, wanted);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
