package dev.cohesion.kit.api.params;

import dev.cohesion.kit.api.problem.InvalidParameterException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Query parameters read strictly: a whole number is digits, a boolean is {@code true} or {@code false}, a UUID is a
 * UUID and an enum one of its values; anything else is a 400 naming the parameter ({@link InvalidParameterException}).
 * Without it Quarkus REST answers 404 for {@code limit=abc} and reads {@code acknowledged=maybe} as false. An empty
 * value is an absent one. Declare boolean parameters as {@code Boolean}: for an absent primitive, Quarkus REST
 * hands the converter "0", which is no boolean.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> raw, Type generic, Annotation[] annotations) {
        String name = Arrays.stream(annotations).filter(a -> a instanceof QueryParam).map(a -> ((QueryParam) a).value())
                .findFirst().orElse(null);
        if (name == null) {
            return null;
        }
        if (raw == Integer.class || raw == int.class) {
            return (ParamConverter<T>) strict(name, "must be a whole number", raw.isPrimitive() ? 0 : null, s -> {
                if (!s.matches("-?\\d{1,10}")) {
                    throw new NumberFormatException(s);
                }
                return Integer.valueOf(s);
            });
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return (ParamConverter<T>) strict(name, "must be true or false", null, s -> switch (s) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(s);
            });
        }
        if (raw == UUID.class) {
            return (ParamConverter<T>) strict(name, "must be a UUID", null, UUID::fromString);
        }
        if (raw.isEnum()) {
            String values = Arrays.stream(raw.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
            return (ParamConverter<T>) strict(name, "must be one of " + values, null, s -> Enum.valueOf((Class) raw, s));
        }
        return null;
    }

    /** {@code absent} is what an absent or empty value means: null, or a primitive's default. */
    private static <T> ParamConverter<T> strict(String name, String reason, Object absent, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T fromString(String value) {
                if (value == null || value.isEmpty()) {
                    return (T) absent;
                }
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    throw new InvalidParameterException(name, reason);
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }
}
