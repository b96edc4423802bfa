package dev.cohesion.members.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.service.MembershipService;
import dev.cohesion.members.service.Viewer;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.HeaderParam;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** Joining: by application (an organiser approves or declines) or by invitation (the invitee accepts). */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Joining")
public class ApplicationResource {

    private final MembershipService membership;
    private final CurrentCaller caller;
    private final IdempotencyKeys idempotency;

    ApplicationResource(MembershipService membership, CurrentCaller caller, IdempotencyKeys idempotency) {
        this.membership = membership;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/applications")
    @Access(anyone = true)
    @Operation(summary = "Apply to join the network", description = "Any signed-in person may apply; an organiser decides. "
            + "Safe to retry with an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The application", content = @Content(schema = @Schema(implementation = MemberDtos.View.class)))
    public Uni<Response> applyToNetwork(@PathParam("networkId") UUID networkId,
                                        @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                        @Valid @NotNull MemberDtos.Application application, UriInfo uri) {
        return idempotency.once(idempotencyKey, "applyToNetwork " + networkId, application, () ->
                membership.apply(networkId, caller.get().identity(), application).map(m -> created(networkId, m, uri, true)));
    }

    @POST
    @Path("/members/{memberId}/approval")
    @Access(ORGANISER)
    @Operation(summary = "Approve an application: the applicant becomes an active member")
    public Uni<MemberDtos.View> approveApplication(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId) {
        return membership.approve(networkId, memberId).map(m -> viewer(networkId).view(m));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/members/{memberId}/decline")
    @Access(ORGANISER)
    @Operation(summary = "Decline an application, with a reason")
    public Uni<MemberDtos.View> declineApplication(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                   @Valid @NotNull MemberDtos.Decline decline) {
        return membership.decline(networkId, memberId, decline.reason()).map(m -> viewer(networkId).view(m));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/invitations")
    @Access(ORGANISER)
    @Operation(summary = "Invite someone", description = "The returned id is the invitation the invitee accepts, signed in "
            + "with the invited e-mail address (verified by the identity provider). Safe to retry with an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The invitation", content = @Content(schema = @Schema(implementation = MemberDtos.View.class)))
    public Uni<Response> inviteMember(@PathParam("networkId") UUID networkId,
                                      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                      @Valid @NotNull MemberDtos.Profile profile, UriInfo uri) {
        return idempotency.once(idempotencyKey, "inviteMember " + networkId, profile, () ->
                membership.invite(networkId, profile).map(m -> created(networkId, m, uri, false)));
    }

    @POST
    @Path("/invitations/{memberId}/acceptance")
    @Access(anyone = true)
    @Operation(summary = "Accept an invitation: the caller becomes an active member",
            description = "Only with the invited e-mail address, verified by the identity provider; anyone else gets 404.")
    public Uni<MemberDtos.View> acceptInvitation(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID invitationId) {
        return membership.accept(networkId, invitationId, caller.get().identity()).map(Viewer::ownRecord);
    }

    private Response created(UUID networkId, Member m, UriInfo uri, boolean self) {
        URI location = uri.getBaseUriBuilder().path("/api/v1/networks/{networkId}/members/{memberId}").build(networkId, m.id);
        MemberDtos.View view = self ? Viewer.ownRecord(m) : viewer(networkId).view(m);
        return Response.created(location).entity(view).build();
    }

    private Viewer viewer(UUID networkId) {
        return new Viewer(networkId, caller.get());
    }
}
