package dev.cohesion.kit.api.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes into the contract the limits the services enforce or never exceed, so that clients (and the OWASP API
 * rules the contracts are linted with) see them: string lengths by format, integer ranges, array sizes, the list
 * {@code limit}, and the headers every response carries (rate limit, CORS) or some do (Location, Retry-After).
 * Explicit limits from the code's annotations are kept.
 */
final class ContractLimits {

    /** Strings without a limit of their own: free text is capped at 4000 characters by every request's validation. */
    static final int TEXT = 4000;
    static final int ARRAY = 1000;

    private ContractLimits() {
    }

    static void apply(OpenAPI api) {
        headers(api.getComponents());
        Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().forEach((name, schema) -> limit(name, schema, seen));
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                operation(entry.getValue(), seen);
            }
        }
    }

    private static void operation(Operation op, Set<Schema> seen) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (p.getSchema() == null) {
                    continue;
                }
                switch (p.getName()) {
                    case "limit" -> p.getSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(200)).format("int32")
                            .defaultValue(50);
                    case "cursor" -> p.getSchema().maxLength(200);
                    case "If-Match" -> p.getSchema().maxLength(100);
                    case "Idempotency-Key" -> p.getSchema().maxLength(200);
                    default -> limit(p.getName(), p.getSchema(), seen);
                }
            }
        }
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> limit("body", m.getSchema(), seen));
        }
        if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> r : op.getResponses().getAPIResponses().entrySet()) {
            String code = r.getKey();
            APIResponse response = r.getValue();
            if (response.getContent() != null) {
                response.getContent().getMediaTypes().values().forEach(m -> limit("response", m.getSchema(), seen));
            }
            if (code.startsWith("2") || code.startsWith("4")) {
                response.addHeader("RateLimit-Limit", ref("RateLimit-Limit"));
                response.addHeader("RateLimit-Remaining", ref("RateLimit-Remaining"));
                response.addHeader("RateLimit-Reset", ref("RateLimit-Reset"));
            }
            response.addHeader("Access-Control-Allow-Origin", ref("Access-Control-Allow-Origin"));
            if (code.equals("201")) {
                response.addHeader("Location", ref("Location"));
            }
            if (code.equals("429") || code.equals("503")) {
                response.addHeader("Retry-After", ref("Retry-After"));
            }
            if (code.equals("401")) {
                response.addHeader("WWW-Authenticate", ref("WWW-Authenticate"));
            }
        }
    }

    /** The response headers, declared once in components/headers and referred to from each response. */
    private static void headers(Components components) {
        components.addHeader("RateLimit-Limit", header("Requests a client may make per second", integer(1, 1_000_000)));
        components.addHeader("RateLimit-Remaining", header("Requests left in the current burst", integer(0, 1_000_000)));
        components.addHeader("RateLimit-Reset", header("Seconds until the burst is full again", integer(0, 86_400)));
        components.addHeader("Access-Control-Allow-Origin",
                header("Present for the browser origins the service is configured to allow (never *)",
                        OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(2048)));
        components.addHeader("Location", header("Where the new resource is",
                OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri-reference").maxLength(2048)));
        components.addHeader("Retry-After", header("Seconds to wait before retrying", integer(1, 86_400)));
        components.addHeader("WWW-Authenticate", header("The bearer challenge",
                OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(200)));
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static void limit(String name, Schema schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema) || schema.getRef() != null) {
            return;
        }
        List<Schema.SchemaType> type = schema.getType();
        if (type != null && type.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null
                && schema.getEnumeration() == null && schema.getConstValue() == null) {
            String format = schema.getFormat() == null ? "" : schema.getFormat();
            switch (format) {
                case "uuid" -> schema.minLength(36).maxLength(36)
                        .pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
                case "date-time" -> schema.maxLength(35);
                case "date" -> schema.maxLength(10);
                case "email" -> schema.maxLength(254);
                case "uri", "uri-reference" -> schema.maxLength(2048);
                default -> schema.maxLength(TEXT);
            }
        }
        if (type != null && type.contains(Schema.SchemaType.STRING) && "UUID".equals(name) && schema.getPattern() != null
                && !schema.getPattern().startsWith("^")) {
            schema.pattern("^" + schema.getPattern() + "$");
        }
        if (type != null && type.contains(Schema.SchemaType.INTEGER)) {
            if (schema.getFormat() == null) {
                schema.format("int64");
            }
            if (schema.getMinimum() == null) {
                schema.minimum(BigDecimal.ZERO);
            }
            if (schema.getMaximum() == null) {
                schema.maximum("int32".equals(schema.getFormat()) ? BigDecimal.valueOf(Integer.MAX_VALUE)
                        : BigDecimal.valueOf(Long.MAX_VALUE));
            }
        }
        if (type != null && type.contains(Schema.SchemaType.ARRAY)) {
            if (schema.getMaxItems() == null) {
                schema.maxItems(ARRAY);
            }
            limit(name, schema.getItems(), seen);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, value) -> limit(property, value, seen));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            limit(name, schema.getAdditionalPropertiesSchema(), seen);
        }
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(s -> limit(name, s, seen));
        }
    }

    private static Schema integer(int min, int max) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                .minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }
}
