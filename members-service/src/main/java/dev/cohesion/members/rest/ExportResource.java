package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.kit.export.Exports;
import dev.cohesion.members.repository.MemberExports;
import dev.cohesion.members.service.PurposeService;
import dev.cohesion.members.service.Viewer;
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

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/**
 * Organisers' exports (docs/exports.md): whole lists as files, streamed, CSV with {@code Accept: text/csv} and a JSON
 * array otherwise (no {@code @Produces}: {@link Exports} sets the type). A member's own data export is elsewhere
 * ({@link DataExportResource}).
 */
@Path("/api/v1/networks/{networkId}/exports")
@Tag(name = "Exports")
public class ExportResource {

    private final MemberExports exports;
    private final PurposeService purposes;
    private final CurrentCaller caller;

    ExportResource(MemberExports exports, PurposeService purposes, CurrentCaller caller) {
        this.exports = exports;
        this.purposes = purposes;
        this.caller = caller;
    }

    @GET
    @Path("/directory")
    @Access(value = {ORGANISER, PARTNER}, scopes = "directory:read")
    @Operation(summary = "Export the member directory", description = "Organisers: every member, with e-mail address and status "
            + "(a mail-merge, a board report). Partners: active members, and of each only the fields they consented to "
            + "share. Filter by status and constituency.")
    @APIResponse(responseCode = "200", description = "The members, in id order", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ExportDtos.DirectoryRow.class, maxItems = 10_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportDirectory(@PathParam("networkId") UUID networkId, @QueryParam("status") MemberStatus status,
                                             @QueryParam("constituency") Constituency constituency, @Context HttpHeaders headers) {
        boolean partner = new Viewer(networkId, caller.get()).partnerOnly();
        return exports.directory(networkId, partner, status, constituency, Exports.Format.of(headers));
    }

    @GET
    @Path("/purposes/{purposeId}/stances")
    @Access(ORGANISER)
    @Operation(summary = "Export the stances on a purpose version", description = "Every member's stance and reason.")
    @APIResponse(responseCode = "200", description = "The stances, in member id order", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ExportDtos.StanceRow.class, maxItems = 10_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportStances(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId,
                                           @Context HttpHeaders headers) {
        return exports.stances(purposes.purpose(networkId, purposeId), networkId, purposeId, Exports.Format.of(headers));
    }
}
