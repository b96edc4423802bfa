package dev.cohesion.kit.api.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictJsonTest {

    enum Colour { RED, GREEN }

    record Body(String text, Integer count, int days, Double share, Boolean flag, Colour colour, Instant at, UUID id,
                List<String> tags, Map<String, Double> weights) {
    }

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(m);
        return m;
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
            "a number for a string        | {\"days\": 1, \"text\": 12345}",
            "a boolean for a string       | {\"days\": 1, \"text\": true}",
            "an object for a string       | {\"days\": 1, \"text\": {}}",
            "a fraction for an integer    | {\"days\": 1, \"count\": 1.5}",
            "a fraction for an int        | {\"days\": 1.5}",
            "a string for an integer      | {\"days\": 1, \"count\": \"12\"}",
            "null for an int              | {\"days\": null}",
            "an absent int                | {\"text\": \"a\"}",
            "a string for a number        | {\"days\": 1, \"share\": \"0.5\"}",
            "a number for a boolean       | {\"days\": 1, \"flag\": 1}",
            "a string for a boolean       | {\"days\": 1, \"flag\": \"true\"}",
            "a number for an enum         | {\"days\": 1, \"colour\": 0}",
            "an empty string for an enum  | {\"days\": 1, \"colour\": \"\"}",
            "a number for an instant      | {\"days\": 1, \"at\": 1700000000}",
            "a number for a UUID          | {\"days\": 1, \"id\": 5}",
            "a string for a list          | {\"days\": 1, \"tags\": \"a\"}",
            "a number in a list of strings | {\"days\": 1, \"tags\": [1]}",
            "a string for a map           | {\"days\": 1, \"weights\": \"x\"}",
            "an unknown field             | {\"days\": 1, \"colour\": \"RED\", \"shade\": 3}",
            "a duplicate key              | {\"days\": 1, \"text\": \"a\", \"text\": \"b\"}",
            "trailing content             | {\"days\": 1, \"text\": \"a\"} {}",
            "NUL in a string              | {\"days\": 1, \"text\": \"a\\u0000b\"}",
            "NUL in a list's string       | {\"days\": 1, \"tags\": [\"ok\", \"a\\u0000\"]}",
            "NUL in a map key             | {\"days\": 1, \"weights\": {\"A\\u0000\": 1}}",
    })
    void refused(String what, String json) {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> MAPPER.readValue(json, Body.class), what);
    }

    @ParameterizedTest(name = "{0} is read")
    @CsvSource(delimiter = '|', value = {
            "every field well typed | {\"text\": \"a\", \"count\": 3, \"days\": 2, \"share\": 0.5, \"flag\": true, \"colour\": \"RED\", \"at\": \"2026-01-01T00:00:00Z\", \"id\": \"0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d11\", \"tags\": [\"x\"], \"weights\": {\"A\": 1}}",
            "an integer for a number | {\"days\": 1, \"share\": 1}",
            "nulls for objects      | {\"text\": null, \"count\": null, \"days\": 4}",
            "only the int                 | {\"days\": 0}",
    })
    void read(String what, String json) throws Exception {
        Body body = MAPPER.readValue(json, Body.class);
        assertTrue(body != null, what);
    }

    @org.junit.jupiter.api.Test
    void a_nul_character_names_the_field_and_the_reason() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> MAPPER.readValue("{\"days\": 1, \"tags\": [\"a\\u0000\"]}", Body.class));
        assertEquals(StrictJson.NUL, e.getOriginalMessage());
        assertEquals("tags", e.getPath().get(0).getFieldName());
        assertEquals(0, e.getPath().get(1).getIndex());
    }

    @org.junit.jupiter.api.Test
    void an_unknown_field_is_named() {
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> MAPPER.readValue("{\"days\": 1, \"shade\": 1}", Body.class));
        assertEquals("shade", e.getPropertyName());
    }

    @org.junit.jupiter.api.Test
    void absent_values_are_left_out_of_answers() throws Exception {
        assertEquals("{\"days\":0}", MAPPER.writeValueAsString(new Body(null, null, 0, null, null, null, null, null, null, null)));
    }
}
