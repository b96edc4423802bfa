package dev.cohesion.members.rest;

import dev.cohesion.events.norms.AppealOutcome;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.service.RemovalAppeals;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PERSON_ON_RECORD;

/** Appealing a direct removal (docs/security.md): the removed member files, another organiser decides. */
@Path("/api/v1/networks/{networkId}/members/{memberId}/removal-appeal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class RemovalAppealResource {

    private final RemovalAppeals appeals;
    private final CurrentCaller caller;

    RemovalAppealResource(RemovalAppeals appeals, CurrentCaller caller) {
        this.appeals = appeals;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(PERSON_ON_RECORD)
    @Operation(summary = "Appeal your removal", description = "Within 20 days of a direct removal by an organiser, once. "
            + "A removal by sanction is appealed against the sanction, in norms-service.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RemovalAppealDtos.View.class)))
    public Uni<RestResponse<RemovalAppealDtos.View>> appealRemoval(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                                  @Valid @NotNull RemovalAppealDtos.Request request, UriInfo uri) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the removed member themselves can appeal their removal.");
        return appeals.file(networkId, memberId, request.text()).map(a -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, RemovalAppealDtos.View.of(a)).location(uri.getAbsolutePath()).build());
    }

    @GET
    @Access({ORGANISER, MEMBER, PERSON_ON_RECORD})
    @Operation(summary = "A member's latest removal appeal", description = "The member themselves (removed, or reinstated "
            + "by it), or an organiser.")
    public Uni<RemovalAppealDtos.View> getRemovalAppeal(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId) {
        caller.requireOwnRecord(networkId, memberId, true, "Only the member themselves, or an organiser, can read it.");
        return appeals.latest(networkId, memberId).map(RemovalAppealDtos.View::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/decision")
    @Access(ORGANISER)
    @Operation(summary = "Decide a removal appeal", description = "By an organiser other than the one who removed the member "
            + "(`another-organiser-decides`, 403). UPHELD: the member is active again; REJECTED: the removal stands.")
    public Uni<RemovalAppealDtos.View> decideRemovalAppeal(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                           @Valid @NotNull RemovalAppealDtos.Decision decision) {
        return appeals.decide(networkId, memberId, caller.memberId(networkId), decision.outcome() == AppealOutcome.UPHELD, decision.reason())
                .map(RemovalAppealDtos.View::of);
    }
}
