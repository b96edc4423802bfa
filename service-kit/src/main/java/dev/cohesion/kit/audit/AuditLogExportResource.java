package dev.cohesion.kit.audit;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.export.Exports;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/**
 * The audit log as a file, among the service's other exports ({@code …/exports/…}, no {@code @Produces}: the export
 * answers CSV or JSON as the client asks, {@link Exports}).
 */
@Path("/api/v1/networks/{networkId}/exports")
@Tag(name = "Audit log")
public class AuditLogExportResource {

    private final AuditEntries entries;

    AuditLogExportResource(AuditEntries entries) {
        this.entries = entries;
    }

    @GET
    @Path("/audit-log")
    @Access(value = ORGANISER, admin = true)
    @Operation(summary = "Export the network's audit log", description = "Organisers and the platform administrator. Every "
            + "matching entry, oldest first, streamed: CSV with `Accept: text/csv`, a JSON array otherwise. "
            + AuditLogResource.FILTERS)
    @APIResponse(responseCode = "200", description = "The entries", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AuditLogResource.View.class, maxItems = 100_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportAuditLog(@PathParam("networkId") UUID networkId,
                                            @Parameter(description = "The acting organiser's member id") @QueryParam("actor") UUID actor,
                                            @QueryParam("action") String action, @QueryParam("targetType") String targetType,
                                            @QueryParam("targetId") String targetId,
                                            @Parameter(description = "At or after") @QueryParam("from") Instant from,
                                            @Parameter(description = "Before") @QueryParam("to") Instant to,
                                            @Context HttpHeaders headers) {
        return entries.export(AuditLogResource.filter(networkId, actor, action, targetType, targetId, from, to),
                Exports.Format.of(headers));
    }
}
