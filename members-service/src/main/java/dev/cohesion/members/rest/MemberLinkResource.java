package dev.cohesion.members.rest;

import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.service.MemberLinks;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/**
 * Partners' own identifiers for members (docs/partners.md#members-by-your-own-identifiers): members allow matching
 * by their verified e-mail, see their links and revoke them; partners link their identifiers.
 */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner identifiers")
public class MemberLinkResource {

    private final MemberLinks links;
    private final CurrentCaller caller;

    MemberLinkResource(MemberLinks links, CurrentCaller caller) {
        this.links = links;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/members/{memberId}/email-matching")
    @Access(MEMBER)
    @Operation(summary = "Let partners match you by your e-mail, or stop them", description = "Allowing needs a token whose "
            + "verified e-mail is the address on your profile. Changing that address stops the matching until you allow it again.")
    public Uni<MemberLinkDtos.EmailMatchingView> setEmailMatching(@PathParam("networkId") UUID networkId,
                                                                  @PathParam("memberId") UUID memberId,
                                                                  @Valid @NotNull MemberLinkDtos.EmailMatching request) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can do this.");
        return links.emailMatching(networkId, memberId, request.allowed(), caller.get().identity())
                .map(MemberLinkDtos.EmailMatchingView::of);
    }

    @GET
    @Path("/members/{memberId}/links")
    @Access({MEMBER, ORGANISER})
    @Operation(summary = "Partners' identifiers for a member", description = "The member themselves and organisers; revoked links included.")
    public Uni<Page<MemberLinkDtos.LinkView>> listMemberLinks(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                              @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        caller.requireOwnRecord(networkId, memberId, true, "Only the member themselves, or an organiser, can do this.");
        PageRequest page = PageRequest.of(limit, cursor);
        return links.ofMember(networkId, memberId, page).map(rows -> Page.of(rows, page, l -> l.id.toString(), MemberLinkDtos.LinkView::of));
    }

    @POST
    @Path("/members/{memberId}/links/{linkId}/revocation")
    @Access({MEMBER, ORGANISER})
    @Operation(summary = "Revoke a partner's identifier for a member", description = "The member themselves and organisers. "
            + "The partner's activities naming that identifier no longer reach the member; those counted stay counted.")
    public Uni<MemberLinkDtos.LinkView> revokeMemberLink(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                         @PathParam("linkId") UUID linkId) {
        caller.requireOwnRecord(networkId, memberId, true, "Only the member themselves, or an organiser, can do this.");
        return links.revoke(networkId, memberId, linkId, caller.memberId(networkId)).map(MemberLinkDtos.LinkView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/member-links")
    @Access(value = PARTNER, scopes = "activities:write")
    @Operation(summary = "Link your identifier for a person to their membership", description = "Partners with activities:write. "
            + "The e-mail must be the verified address of a member who lets partners match them by it; then activities may name "
            + "the member by your identifier (metrics-service). Linking the same pair again answers the link.")
    @APIResponse(responseCode = "201", description = "The link", content = @Content(schema = @Schema(implementation = MemberLinkDtos.LinkView.class)))
    public Uni<RestResponse<MemberLinkDtos.LinkView>> linkMember(@PathParam("networkId") UUID networkId,
                                                                 @Valid @NotNull MemberLinkDtos.LinkRequest request, UriInfo uri) {
        return links.link(networkId, caller.get().identity(), request.externalId(), request.email())
                .map(l -> RestResponse.ResponseBuilder.<MemberLinkDtos.LinkView>created(
                                uri.getBaseUriBuilder().path("/api/v1/networks/{n}/members/{m}/links").build(networkId, l.memberId))
                        .entity(MemberLinkDtos.LinkView.of(l)).build());
    }

    @GET
    @Path("/member-links")
    @Access(value = PARTNER, scopes = "activities:write")
    @Operation(summary = "Your identifiers linked to members", description = "Partners with activities:write; links in force only.")
    public Uni<Page<MemberLinkDtos.LinkView>> listPartnerLinks(@PathParam("networkId") UUID networkId,
                                                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return links.ofPartner(networkId, caller.get().identity(), page)
                .map(rows -> Page.of(rows, page, l -> l.id.toString(), MemberLinkDtos.LinkView::of));
    }
}
