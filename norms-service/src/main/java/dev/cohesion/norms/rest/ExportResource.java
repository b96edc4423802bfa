package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.kit.export.Exports;
import dev.cohesion.norms.domain.CaseStatus;
import dev.cohesion.norms.repository.NormsExports;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/**
 * Organisers' exports (docs/exports.md): whole lists as files, streamed, CSV with {@code Accept: text/csv} and a JSON
 * array otherwise (no {@code @Produces}: {@link Exports} sets the type).
 */
@Path("/api/v1/networks/{networkId}/exports")
@Tag(name = "Exports")
public class ExportResource {

    private final NormsExports exports;
    private final CurrentCaller caller;

    ExportResource(NormsExports exports, CurrentCaller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @Schema(name = "AcknowledgementExportRow", description = "An active member against the current norm book version")
    public record AcknowledgementRow(UUID memberId, @Schema(maxLength = 200) String displayName, int bookVersion,
                                     boolean acknowledged, Instant acknowledgedAt, Integer lastAcknowledgedVersion) {
    }

    @Schema(name = "CaseExportRow", description = "A case; `reporterMemberId` absent on a case about the caller")
    public record CaseRow(UUID id, @Schema(maxLength = 40) String normCode, int normVersion, UUID subjectMemberId,
                          UUID reporterMemberId, @Schema(maxLength = 4000) String description, CaseStatus status,
                          UUID reviewerMemberId, @Schema(maxLength = 2000) String decisionReason, Instant openedAt,
                          Instant decidedAt) {
    }

    @GET
    @Path("/acknowledgements")
    @Access(ORGANISER)
    @Operation(summary = "Export the norm book's acknowledgement status", description = "Every active member: whether they "
            + "acknowledged the current version, when, and the last version they acknowledged.")
    @APIResponse(responseCode = "200", description = "The members, in id order", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AcknowledgementRow.class, maxItems = 10_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportAcknowledgements(@PathParam("networkId") UUID networkId, @Context HttpHeaders headers) {
        return exports.acknowledgements(networkId, Exports.Format.of(headers));
    }

    @GET
    @Path("/cases")
    @Access(ORGANISER)
    @Operation(summary = "Export the cases", description = "Every case as organisers see it (the reporter of a case about you is "
            + "not shown), filtered by status.")
    @APIResponse(responseCode = "200", description = "The cases, oldest first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = CaseRow.class, maxItems = 10_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportCases(@PathParam("networkId") UUID networkId, @QueryParam("status") CaseStatus status,
                                         @Context HttpHeaders headers) {
        return exports.cases(networkId, caller.memberId(networkId), status, Exports.Format.of(headers));
    }
}
