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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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

    ApplicationResource(MembershipService membership, CurrentCaller caller) {
        this.membership = membership;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/applications")
    @Access(anyone = true)
    @Operation(summary = "Apply to join the network", description = "Any signed-in person may apply; an organiser decides.")
    public Uni<RestResponse<MemberDtos.View>> applyToNetwork(@PathParam("networkId") UUID networkId,
                                                              @Valid @NotNull MemberDtos.Application application, UriInfo uri) {
        return membership.apply(networkId, caller.get().subject(), application).map(m -> created(networkId, m, uri, true));
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
    @Operation(summary = "Invite someone", description = "The returned id is the invitation the invitee accepts.")
    public Uni<RestResponse<MemberDtos.View>> inviteMember(@PathParam("networkId") UUID networkId,
                                                            @Valid @NotNull MemberDtos.Profile profile, UriInfo uri) {
        return membership.invite(networkId, profile).map(m -> created(networkId, m, uri, false));
    }

    @POST
    @Path("/invitations/{memberId}/acceptance")
    @Access(anyone = true)
    @Operation(summary = "Accept an invitation: the caller becomes an active member")
    public Uni<MemberDtos.View> acceptInvitation(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID invitationId) {
        return membership.accept(networkId, invitationId, caller.get().subject()).map(Viewer::ownRecord);
    }

    private RestResponse<MemberDtos.View> created(UUID networkId, Member m, UriInfo uri, boolean self) {
        URI location = uri.getBaseUriBuilder().path("/api/v1/networks/{networkId}/members/{memberId}").build(networkId, m.id);
        MemberDtos.View view = self ? Viewer.ownRecord(m) : viewer(networkId).view(m);
        return RestResponse.ResponseBuilder.<MemberDtos.View>created(location).entity(view).build();
    }

    private Viewer viewer(UUID networkId) {
        return new Viewer(networkId, caller.get());
    }
}
