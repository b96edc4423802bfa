package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs after every other test of the service (the parent pom orders it last) and reads what the
 * contract proxy saw ({@link ContractValidation}): each operation of the contract must have been called and
 * validated at least once with an answer in 2xx and once with an answer in 4xx. So every operation's real
 * answers, valid and invalid, were checked against the committed contract by Prism.
 */
public abstract class ContractCoverageContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void every_operation_answered_a_success_and_a_refusal_that_the_contract_validator_accepted() throws IOException {
        List<Operation> operations = new ArrayList<>();
        ServiceApi.operations().forEach(op -> operations.add(new Operation(op.method().toUpperCase(), op.path(), template(op.path()))));
        // literal segments win over parameters ("purposes/current" before "purposes/{purposeId}")
        operations.sort(Comparator.comparingInt((Operation o) -> o.path().split("\\{").length));
        Map<String, int[]> seen = new LinkedHashMap<>();
        operations.forEach(o -> seen.put(o.method() + " " + o.path(), new int[2]));
        for (String line : Files.readAllLines(ContractValidation.exchangeLog())) {
            JsonNode exchange = JSON.readTree(line);
            if (!exchange.path("validated").asBoolean()) {
                continue;
            }
            int status = exchange.path("status").asInt();
            operations.stream().filter(o -> o.method().equals(exchange.path("method").asText())
                            && o.pattern().matcher(exchange.path("path").asText()).matches()).findFirst()
                    .ifPresent(o -> {
                        int[] counts = seen.get(o.method() + " " + o.path());
                        if (status >= 200 && status < 300) {
                            counts[0]++;
                        } else if (status >= 400 && status < 500) {
                            counts[1]++;
                        }
                    });
        }
        List<String> missing = new ArrayList<>();
        seen.forEach((operation, counts) -> {
            if (counts[0] == 0) {
                missing.add(operation + " never answered 2xx");
            }
            if (counts[1] == 0) {
                missing.add(operation + " never answered 4xx");
            }
        });
        assertEquals(List.of(), missing, "operations whose answers the contract validator never saw");
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    private record Operation(String method, String path, Pattern pattern) {
    }
}
