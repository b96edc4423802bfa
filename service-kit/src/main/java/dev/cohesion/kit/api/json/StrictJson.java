package dev.cohesion.kit.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * The REST APIs read JSON strictly and write it sparsely (docs/api-conventions.md, "Input"):
 * <ul>
 * <li>unknown fields, duplicate keys and trailing content are refused;</li>
 * <li>no scalar coercion: a number is not a string nor an instant, a fraction is not an integer, a string is not a
 * number or a boolean, an integer is not an enum, null is not a primitive;</li>
 * <li>strings and map keys with a NUL character are refused (PostgreSQL cannot store it);</li>
 * <li>absent values are left out of responses rather than written as {@code null}.</li>
 * </ul>
 * Events have their own mapper ({@code EventJson}); this one is the REST layer's.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    static final String NUL = "must not contain the NUL character (U+0000)";

    /** Last, after Quarkus' own customizers: its JavaTimeModule must not replace the strict instant reader. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.DateTime, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.OtherScalar, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        for (LogicalType type : LogicalType.values()) {
            refuse(mapper, type, CoercionInputShape.EmptyString);
        }
        for (LogicalType type : new LogicalType[] {LogicalType.POJO, LogicalType.Collection, LogicalType.Map, LogicalType.Array}) {
            refuse(mapper, type, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean);
        }
        mapper.registerModule(new SimpleModule("cohesion-strict-strings")
                .addDeserializer(String.class, new Strings())
                .addDeserializer(Instant.class, new Instants())
                .addKeyDeserializer(String.class, new Keys()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Strings only from JSON strings, never with a NUL character. */
    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            if (value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL, value, String.class);
            }
            return value;
        }
    }

    /** Instants only from ISO-8601 strings, never from numbers (which Jackson would read as epoch seconds). */
    static final class Instants extends StdScalarDeserializer<Instant> {

        Instants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, p);
            }
            return InstantDeserializer.INSTANT.deserialize(p, context);
        }
    }

    /** Map keys without a NUL character. */
    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(context.getParser(), NUL, key, String.class);
            }
            return key;
        }
    }
}
