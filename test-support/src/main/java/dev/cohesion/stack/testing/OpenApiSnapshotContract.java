package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract a service serves at /q/openapi must be the one committed in docs/openapi/: a change to the API
 * shows up in review as a change to that file. Run with {@code -Dcohesion.openapi.update=true} to rewrite it.
 */
public abstract class OpenApiSnapshotContract {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** e.g. members-service */
    protected abstract String service();

    @Test
    public void the_served_contract_is_the_committed_one() throws IOException {
        JsonNode served = ServiceApi.document();
        String servedText = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
        Path committed = Path.of("..", "docs", "openapi", service() + ".openapi.json").toAbsolutePath().normalize();
        if (Boolean.getBoolean("cohesion.openapi.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, servedText);
        }
        assertTrue(Files.exists(committed), committed + " is missing: run the tests with -Dcohesion.openapi.update=true");
        assertEquals(Files.readString(committed), servedText,
                "the served contract differs from " + committed + "; if the change is intended, rerun with -Dcohesion.openapi.update=true and commit the file");
    }
}
