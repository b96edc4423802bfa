package dev.cohesion.members.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.DataExport;
import dev.cohesion.members.service.DataExports;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.PERSON_ON_RECORD;

/** A member's own data, in one document: requested, assembled from the three services, downloaded (docs/privacy.md). */
@Path("/api/v1/networks/{networkId}/members/{memberId}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class DataExportResource {

    private final DataExports exports;
    private final CurrentCaller caller;
    private final Clock clock;

    DataExportResource(DataExports exports, CurrentCaller caller, Clock clock) {
        this.exports = exports;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Access(value = {MEMBER, PERSON_ON_RECORD}, admin = true)
    @Operation(summary = "Ask for a copy of a member's data", description = "By the member themselves, or the platform "
            + "administrator on their behalf. Answers 202 with the export, PENDING while the other services send their "
            + "parts (Location: where to read it); while one is pending, asking again answers that one.")
    @APIResponse(responseCode = "202", description = "The export, PENDING", content = @Content(schema = @Schema(implementation = DataExportDtos.View.class)))
    public Uni<RestResponse<DataExportDtos.View>> requestExport(@PathParam("networkId") UUID networkId,
                                                                @PathParam("memberId") UUID memberId) {
        requireSelfOrAdmin(networkId, memberId);
        return exports.request(networkId, memberId).map(x -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, DataExportDtos.View.of(x, clock.instant(), null))
                .location(URI.create("/api/v1/networks/" + networkId + "/members/" + memberId + "/exports/" + x.id))
                .build());
    }

    @GET
    @Path("/{exportId}")
    @Access(value = {MEMBER, PERSON_ON_RECORD}, admin = true)
    @Operation(summary = "A data export: its status, and its document once COMPLETE",
            description = "Kept a week after the request, and deleted at the member's erasure.")
    public Uni<DataExportDtos.View> getExport(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                              @PathParam("exportId") UUID exportId) {
        requireSelfOrAdmin(networkId, memberId);
        return exports.get(networkId, memberId, exportId).chain(x -> x.status(clock.instant()) == DataExport.Status.COMPLETE
                ? exports.document(x).map(d -> DataExportDtos.View.of(x, clock.instant(), d))
                : Uni.createFrom().item(DataExportDtos.View.of(x, clock.instant(), null)));
    }

    private void requireSelfOrAdmin(UUID networkId, UUID memberId) {
        if (!caller.get().admin()) {
            caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves (or the platform administrator) "
                    + "can ask for and read a copy of their data.");
        }
    }
}
