package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operations a running service declares in its served OpenAPI document. */
public final class ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: method, path template, its access rule extension and its request body schema, if any. */
    public record Operation(String method, String path, String operationId, JsonNode access, JsonNode requestSchema,
                            JsonNode document) {

        /** The path with {networkId} replaced and every other {param} a random UUID. */
        public String concretePath(UUID networkId) {
            return path.replace("{networkId}", networkId.toString()).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }

        public boolean networkScoped() {
            return path.contains("{networkId}");
        }

        public boolean hasBody() {
            return requestSchema != null;
        }

        /** Whether the operation answers a live stream (server-sent events). */
        public boolean streams() {
            return document.path("paths").path(path).path(method).path("responses").path("200").path("content")
                    .has("text/event-stream");
        }

        /** The names of the operation's query parameters. */
        public List<String> queryParameters() {
            List<String> names = new ArrayList<>();
            document.path("paths").path(path).path(method).path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    names.add(p.path("name").asText());
                }
            });
            return names;
        }

        public List<String> roles() {
            List<String> roles = new ArrayList<>();
            access.path("roles").forEach(r -> roles.add(r.asText()));
            return roles;
        }

        public List<String> partnerScopes() {
            List<String> scopes = new ArrayList<>();
            access.path("partnerScopes").forEach(s -> scopes.add(s.asText()));
            return scopes;
        }

        public boolean admin() {
            return access.path("platformAdmin").asBoolean();
        }

        public boolean anyone() {
            return access.path("anyAuthenticatedCaller").asBoolean();
        }

        /** The request body's schema with $refs resolved one level (its properties). */
        public JsonNode bodyProperties() {
            return resolve(document, requestSchema).path("properties");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private ServiceApi() {
    }

    public static JsonNode document() {
        try {
            return JSON.readTree(Management.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                    .extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /q/openapi", e);
        }
    }

    /** Every operation under /api/. */
    public static List<Operation> operations() {
        JsonNode doc = document();
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                    continue;
                }
                JsonNode op = m.getValue();
                JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(m.getKey(), path.getKey(), op.path("operationId").asText(),
                        op.path("x-cohesion-access"), schema.isMissingNode() ? null : schema, doc));
            }
        }
        return operations;
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 5 && s != null && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText().replace("#/components/schemas/", "");
            s = doc.path("components").path("schemas").path(ref);
        }
        return s == null ? JSON.createObjectNode() : s;
    }
}
