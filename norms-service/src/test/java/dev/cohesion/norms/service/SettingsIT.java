package dev.cohesion.norms.service;

import dev.cohesion.norms.Fixtures;
import dev.cohesion.norms.Fixtures.Person;
import dev.cohesion.norms.Fixtures.TestNetwork;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SettingsIT {

    private static final Map<String, Object> STRICTER = Map.of("ladder", List.of("WARNING", "TEMPORARY_SUSPENSION", "PERMANENT_REMOVAL"),
            "suspensionDays", List.of(14, 60), "forgivenessDays", 365, "appealWindowDays", 30, "voteQuorum", 0.6, "voteThreshold", 0.66);

    @Test
    void the_ladder_and_windows_start_at_the_defaults_and_organisers_change_them_with_if_match() {
        TestNetwork n = Fixtures.network();
        Person member = Fixtures.member(n, "Reader");
        var read = member.as().get(n.path("/norms-settings"));
        read.then().statusCode(200)
                .body("ladder", equalTo(List.of("CORRECTION", "WARNING", "TEMPORARY_SUSPENSION", "PERMANENT_REMOVAL")))
                .body("suspensionDays", equalTo(List.of(7, 30, 90))).body("forgivenessDays", equalTo(180))
                .body("appealWindowDays", equalTo(20));
        member.as().header("If-Match", read.header("ETag")).body(STRICTER).put(n.path("/norms-settings")).then().statusCode(403);
        n.organiser().as().body(STRICTER).put(n.path("/norms-settings")).then().statusCode(428);
        String updated = n.organiser().as().header("If-Match", read.header("ETag")).body(STRICTER).put(n.path("/norms-settings"))
                .then().statusCode(200).body("ladder[0]", equalTo("WARNING"))
                .body("suspensionDays", equalTo(List.of(14, 60))).body("forgivenessDays", equalTo(365)).extract().header("ETag");
        member.as().get(n.path("/norms-settings")).then().header("ETag", equalTo(updated)).body("appealWindowDays", equalTo(30));
        n.organiser().as().header("If-Match", read.header("ETag")).body(STRICTER).put(n.path("/norms-settings")).then().statusCode(412);
        n.organiser().as().header("If-Match", updated).body(Map.of("ladder", List.of(), "suspensionDays", List.of(0),
                        "forgivenessDays", 1.5, "appealWindowDays", 30, "voteQuorum", 0.6, "voteThreshold", 0.66))
                .put(n.path("/norms-settings")).then().statusCode(400).body("errors[0].field", equalTo("forgivenessDays"));
        n.organiser().as().header("If-Match", updated).body(Map.of("ladder", List.of(), "suspensionDays", List.of(0),
                        "forgivenessDays", 30, "appealWindowDays", 30, "voteQuorum", 0.6, "voteThreshold", 0.66))
                .put(n.path("/norms-settings")).then().statusCode(400)
                .body("errors.field", equalTo(List.of("ladder", "suspensionDays[0]")));
    }
}
