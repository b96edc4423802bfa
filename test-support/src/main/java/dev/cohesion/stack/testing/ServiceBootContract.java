package dev.cohesion.stack.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

/**
 * What every service must show when it boots against the real PostgreSQL and Kafka of {@link LocalStack}:
 * its migrations ran, readiness is UP with the database and Kafka checks, /q/openapi lists its operations, and
 * the operations endpoints are on the management interface only, never on the API's port.
 * A service's {@code BootIT} extends this and names its database.
 */
public abstract class ServiceBootContract {

    protected abstract String database();

    @Test
    public void migrations_ran_against_the_real_postgresql() throws SQLException {
        List<String> applied = new ArrayList<>();
        LocalStack stack = LocalStack.get();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database()), database(), database());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version from flyway_schema_history where success order by installed_rank")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        assertThat("the kit's event backbone schema", applied, hasItem("0.1"));
    }

    @Test
    public void readiness_is_up_with_the_database_and_kafka_checks() {
        JsonPath health = Management.given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status"), equalTo("UP"));
        List<String> names = health.getList("checks.name");
        assertThat(names, hasItem("Reactive PostgreSQL connections health check"));
        assertThat(names, hasItem("Kafka broker"));
        Map<String, Object> kafka = health.getMap("checks.find { it.name == 'Kafka broker' }");
        assertThat(kafka.get("status"), equalTo("UP"));
        assertThat("the broker the check reached is the test JVM's real broker",
                String.valueOf(kafka.get("data")), org.hamcrest.Matchers.containsString(LocalStack.get().kafka().bootstrapServers()));
    }

    @Test
    public void health_metrics_and_swagger_ui_are_not_on_the_api_port() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/swagger-ui/", "/q/openapi")) {
            RestAssured.get(path).then().statusCode(404);
        }
        Management.given().get("/q/metrics").then().statusCode(200);
        Management.given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    public void openapi_is_served() {
        JsonPath openapi = Management.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertThat(openapi.getString("openapi"), org.hamcrest.Matchers.startsWith("3."));
        assertThat(openapi.getString("info.title"), org.hamcrest.Matchers.startsWith("Cohesion "));
    }
}
