package dev.cohesion.stack.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/** Requests to a {@code @QuarkusTest} service's management interface: health, metrics, the contract, Swagger UI. */
public final class Management {

    private Management() {
    }

    public static RequestSpecification given() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
        return RestAssured.given().baseUri(url.getScheme() + "://" + url.getHost()).port(url.getPort()).basePath("");
    }
}
