package dev.cohesion.kit.api.openapi;

import dev.cohesion.kit.api.security.Access;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completes every service's contract at build time, from the same {@link Access} rules the AccessFilter
 * enforces: the bearer scheme on every /api operation, who may call it (extension {@code x-cohesion-access} and
 * a sentence in the description), and the problem+json responses every operation can give. An operation
 * without a rule is marked {@code x-cohesion-access: MISSING}, which fails the service's access-matrix test.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContractFilter implements OASFilter {

    public static final String ACCESS_EXTENSION = "x-cohesion-access";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    /** The errors any /api operation may answer with, and what they mean. */
    private static final Map<String, String> COMMON_ERRORS = new LinkedHashMap<>();

    static {
        COMMON_ERRORS.put("400", "Invalid or unreadable request (type validation or malformed-request)");
        COMMON_ERRORS.put("401", "Missing, invalid or expired bearer token");
        COMMON_ERRORS.put("403", "The caller's role does not allow this (type forbidden or rule-violation)");
        COMMON_ERRORS.put("404", "No such resource, or a network the caller does not belong to");
        COMMON_ERRORS.put("413", "Request body too large");
        COMMON_ERRORS.put("414", "Request line too long");
        COMMON_ERRORS.put("429", "Rate limit exceeded, or too many open streams; see Retry-After");
        COMMON_ERRORS.put("431", "Request headers too large");
        COMMON_ERRORS.put("500", "Unexpected failure; the detail gives an error id");
        COMMON_ERRORS.put("503", "Database unreachable; retry after Retry-After seconds");
    }

    private final Map<String, AnnotationInstance> accessByMethod = new TreeMap<>();

    public ApiContractFilter(IndexView index) {
        if (index != null) {
            for (AnnotationInstance a : index.getAnnotations(DotName.createSimple(Access.class.getName()))) {
                accessByMethod.put(a.target().asMethod().name(), a);
            }
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("A JWT of the trusted OpenID Connect provider (validated as RFC8725 recommends: signature, algorithm, "
                        + "issuer, audience cohesion-api, expiry). It says who the caller is; what they may do in a network comes "
                        + "from Cohesion's records of members and partners (docs/security.md)."));
        components.addSecurityScheme("adminBearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("The same kind of JWT (validated as RFC8725 recommends), whose roles include `platform-admin`."));
        components.addSecurityScheme("operationsBearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("The platform administrator's JWT (validated as RFC8725 recommends; roles include `platform-admin`), for the operations on the service "
                        + "itself under /api/v1/admin (rebuilds, dead-letter replays), which no network's caller may call."));
        components.addSchema("Problem", problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                document(path.getKey(), entry.getKey(), entry.getValue());
            }
        }
        ContractLimits.apply(api);
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        AnnotationInstance access = accessByMethod.get(operation.getOperationId());
        if (access == null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
            operation.addExtension(ACCESS_EXTENSION, "MISSING");
        } else {
            Map<String, Object> rule = new LinkedHashMap<>();
            List<String> roles = new ArrayList<>();
            AnnotationValue value = access.value();
            if (value != null) {
                Arrays.stream(value.asEnumArray()).map(String::toLowerCase).forEach(roles::add);
            }
            rule.put("roles", roles);
            AnnotationValue scopes = access.value("scopes");
            rule.put("partnerScopes", scopes == null ? List.of() : Arrays.asList(scopes.asStringArray()));
            rule.put("platformAdmin", access.value("admin") != null && access.value("admin").asBoolean());
            rule.put("anyAuthenticatedCaller", access.value("anyone") != null && access.value("anyone").asBoolean());
            operation.addExtension(ACCESS_EXTENSION, rule);
            boolean adminOnly = (boolean) rule.get("platformAdmin") && roles.isEmpty() && ((List<?>) rule.get("partnerScopes")).isEmpty()
                    && !(boolean) rule.get("anyAuthenticatedCaller");
            String scheme = !adminOnly ? "bearer" : path.startsWith("/api/v1/admin/") ? "operationsBearer" : "adminBearer";
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(scheme));
            String who = sentence(rule);
            operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        }
        Map<String, String> errors = new LinkedHashMap<>(COMMON_ERRORS);
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            errors.put("409", "Conflicts with the current state (conflict, invalid-state-transition or rule-violation)");
            errors.put("412", "A concurrent change to the same resource won; read it again and retry");
            errors.put("415", "Body not sent as application/json");
        }
        if (operation.getParameters() != null) {
            for (var parameter : operation.getParameters()) {
                if ("If-Match".equals(parameter.getName())) {
                    parameter.required(true).description("The ETag of the version you read");
                    errors.put("412", "The resource changed since you read it (stale If-Match)");
                    errors.put("428", "If-Match is missing");
                }
                if ("Idempotency-Key".equals(parameter.getName())) {
                    parameter.description("Makes a retry safe: the same key and body give the first response again");
                    errors.put("422", "This Idempotency-Key was used with another request");
                }
            }
        }
        for (Map.Entry<String, String> e : errors.entrySet()) {
            APIResponse existing = operation.getResponses().getAPIResponse(e.getKey());
            if (existing == null || existing.getContent() == null) {
                operation.getResponses().addAPIResponse(e.getKey(), problemResponse(e.getValue()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String sentence(Map<String, Object> rule) {
        List<String> who = new ArrayList<>();
        for (String role : (List<String>) rule.get("roles")) {
            List<String> scopes = (List<String>) rule.get("partnerScopes");
            who.add(role.equals("partner") && !scopes.isEmpty()
                    ? "partners with scope " + String.join(" or ", scopes) : role + "s of the network");
        }
        if (Boolean.TRUE.equals(rule.get("platformAdmin"))) {
            who.add("the platform administrator");
        }
        if (Boolean.TRUE.equals(rule.get("anyAuthenticatedCaller"))) {
            who.add("any authenticated caller");
        }
        return "**Who may call:** " + String.join(", ", who) + ".";
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(List.of("reason")))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of("an objection needs a reason")));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details. Branch on `type` (docs/api-conventions.md lists them); `detail` is for people.")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")
                        .examples(List.of("https://cohesion.dev/problems/validation")))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of("The request has invalid fields")))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(100)).maximum(java.math.BigDecimal.valueOf(599)).examples(List.of(400)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of("reason: an objection needs a reason")))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).maxItems(100).items(fieldError))
                .addProperty("rule", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The rule that refused the operation").examples(List.of("appeal-once-per-sanction")))
                .addProperty("currentState", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The resource's state, for invalid transitions").examples(List.of("ADOPTED")));
    }
}
