package dev.cohesion.stack.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Every service replays what it dead-lettered from a topic it consumes, for the platform administrator
 * (POST /api/v1/admin/dead-letters/{topic}/replay), and refuses a topic it does not consume and a name that is
 * not a topic's. What a replay does to the records is tested where a service refuses some (metrics-service's
 * activities). A service's {@code DeadLetterReplayIT} extends this and names a topic it consumes.
 */
public abstract class DeadLetterReplayContract {

    protected abstract String consumedTopic();

    protected abstract String service();

    private static RequestSpecification admin() {
        return RestAssured.given().header("Authorization", "Bearer " + LocalStack.get().tokens("platform-admin").admin().sign())
                .accept("application/json, application/problem+json");
    }

    @Test
    public void the_administrator_replays_the_dead_letters_of_a_consumed_topic() {
        admin().post("/api/v1/admin/dead-letters/" + consumedTopic() + "/replay").then().statusCode(200)
                .body("topic", equalTo(consumedTopic()))
                .body("deadLetterTopic", equalTo(consumedTopic() + ".dlq." + service()))
                .body("deadLetters", greaterThanOrEqualTo(0));
    }

    @Test
    public void a_topic_the_service_does_not_consume_is_not_found_and_a_name_that_is_not_a_topics_is_invalid() {
        admin().post("/api/v1/admin/dead-letters/cohesion.nothing.v1/replay").then().statusCode(404)
                .body("type", equalTo("https://cohesion.dev/problems/not-found"));
        admin().post("/api/v1/admin/dead-letters/NOT_A_TOPIC/replay").then().statusCode(400)
                .body("type", equalTo("https://cohesion.dev/problems/validation"));
    }
}
