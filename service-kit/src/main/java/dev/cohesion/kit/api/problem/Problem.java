package dev.cohesion.kit.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem details body, served as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details. Branch on `type`; `detail` is for people.")
public record Problem(
        @Schema(example = "https://cohesion.dev/problems/validation") URI type,
        @Schema(example = "The request has invalid fields") String title,
        @Schema(example = "400") int status,
        @Schema(example = "reason: an objection needs a reason") String detail,
        @Schema(example = "/api/v1/networks/0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d11/purposes") String instance,
        @Schema(description = "Per-field problems of a validation error") List<FieldError> errors,
        @Schema(description = "The rule that forbids the operation", example = "appeal-once-per-sanction") String rule,
        @Schema(description = "The resource's current state, for invalid transitions", example = "ADOPTED") String currentState) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON path into the request, or a parameter name. */
    public record FieldError(@Schema(example = "reason") String field,
                             @Schema(example = "an objection needs a reason") String message) {
    }
}
