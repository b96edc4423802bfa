package dev.cohesion.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds payload records by reflection: every component filled, or only the primitive ones (nullable left null). */
final class Samples {

    private Samples() {
    }

    static Object full(Class<?> type) {
        return build(type, true);
    }

    static Object minimal(Class<?> type) {
        return build(type, false);
    }

    private static Object build(Class<?> type, boolean fill) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            boolean required = types[i].isPrimitive() || !OptionalFields.isOptional(type, components[i].getName());
            values[i] = fill || required ? value(components[i].getGenericType(), fill) : null;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Type generic, boolean fill) {
        if (generic instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(value(p.getActualTypeArguments()[0], fill));
        }
        Class<?> c = (Class<?>) generic;
        if (c == UUID.class) {
            return UUID.randomUUID();
        } else if (c == String.class) {
            return "SAMPLE_VALUE";
        } else if (c == Instant.class) {
            return Instant.parse("2026-11-25T10:15:30.123Z");
        } else if (c == java.time.LocalDate.class) {
            return java.time.LocalDate.parse("2026-11-23");
        } else if (c == int.class || c == Integer.class) {
            return 1;
        } else if (c == long.class || c == Long.class) {
            return 1L;
        } else if (c == double.class || c == Double.class) {
            return 0.5;
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c.isEnum()) {
            return c.getEnumConstants()[0];
        } else if (c.isRecord()) {
            return build(c, fill);
        }
        throw new IllegalArgumentException("no sample for " + c);
    }
}
