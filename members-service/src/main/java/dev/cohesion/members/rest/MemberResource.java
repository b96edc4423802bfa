package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.repository.MemberRepository;
import dev.cohesion.members.service.Erasure;
import dev.cohesion.members.service.MembershipService;
import dev.cohesion.members.service.Viewer;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;
import static dev.cohesion.kit.api.security.NetworkRole.PERSON_ON_RECORD;

/** The member directory, profiles, roles, exits and erasure. */
@Path("/api/v1/networks/{networkId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final MembershipService membership;
    private final Erasure erasure;
    private final CurrentCaller caller;

    MemberResource(MembershipService membership, Erasure erasure, CurrentCaller caller) {
        this.membership = membership;
        this.erasure = erasure;
        this.caller = caller;
    }

    @GET
    @Access(value = {ORGANISER, MEMBER, PARTNER}, scopes = "directory:read")
    @Operation(summary = "The member directory", description = "Filter by status (repeatable), constituency, organisation, interest. "
            + "Members see active members and alumni; partners see active members and only the fields each consented to share.")
    public Uni<Page<MemberDtos.View>> listMembers(@PathParam("networkId") UUID networkId,
                                                  @QueryParam("status") List<MemberStatus> status,
                                                  @QueryParam("constituency") Constituency constituency,
                                                  @QueryParam("organisation") String organisation,
                                                  @QueryParam("interest") String interest,
                                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Viewer viewer = viewer(networkId);
        Set<MemberStatus> statuses = EnumSet.copyOf(viewer.visibleStatuses());
        if (status != null && !status.isEmpty()) {
            statuses.retainAll(status);
        }
        if (statuses.isEmpty()) {
            throw ProblemException.invalidField("status", "none of these statuses is visible to you");
        }
        var filter = new MemberRepository.DirectoryFilter(statuses, constituency, organisation, interest);
        return membership.directory(networkId, filter, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(viewer::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{memberId}")
    @Access(value = {ORGANISER, MEMBER, PARTNER, PERSON_ON_RECORD}, scopes = "directory:read")
    @Operation(summary = "Read a member", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<MemberDtos.View>> getMember(@PathParam("networkId") UUID networkId,
                                                         @PathParam("memberId") UUID memberId) {
        Viewer viewer = viewer(networkId);
        return membership.member(networkId, memberId).map(m -> {
            if (!viewer.canSee(m)) {
                throw ProblemException.notFound("member", memberId);
            }
            return withETag(viewer.view(m), m);
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{memberId}/profile")
    @Access(MEMBER)
    @Operation(summary = "Update your own profile and what you share with partners", description = "Requires If-Match.")
    public Uni<RestResponse<MemberDtos.View>> updateProfile(@PathParam("networkId") UUID networkId,
                                                             @PathParam("memberId") UUID memberId,
                                                             @HeaderParam("If-Match") String ifMatch,
                                                             @Valid @NotNull MemberDtos.Profile profile) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can change their profile.");
        return membership.updateProfile(networkId, memberId, ifMatch, profile).map(m -> withETag(Viewer.ownRecord(m), m));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{memberId}/departure")
    @Access(MEMBER)
    @Operation(summary = "Leave the network, with a reason",
            description = "A member who does not share the purpose leaves in one call with reason DOES_NOT_SHARE_PURPOSE; "
                    + "they stay listed as an alumnus.")
    public Uni<MemberDtos.View> leaveNetwork(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                             @Valid @NotNull MemberDtos.Departure departure) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can leave.");
        return membership.leave(networkId, memberId, departure).map(Viewer::ownRecord);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{memberId}/removal")
    @Access(ORGANISER)
    @Operation(summary = "Remove a member, with a reason", description = "The member may appeal within 20 days "
            + "(…/removal-appeal); another organiser decides.")
    public Uni<MemberDtos.View> removeMember(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                             @Valid @NotNull MemberDtos.Removal removal) {
        return membership.remove(networkId, memberId, removal.reason(), caller.memberId(networkId)).map(m -> viewer(networkId).view(m));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{memberId}/readmission")
    @Access(ORGANISER)
    @Operation(summary = "Readmit a member who left or was removed, with a reason", description = "Not over a sanction's "
            + "removal (its appeal lifts it), nor after erasure (they apply again).")
    public Uni<MemberDtos.View> readmitMember(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                              @Valid @NotNull MemberDtos.Readmission readmission) {
        return membership.readmit(networkId, memberId, readmission.reason()).map(m -> viewer(networkId).view(m));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{memberId}/roles")
    @Access(ORGANISER)
    @Operation(summary = "Grant or revoke the organiser role", description = "The last organiser cannot be demoted.")
    public Uni<MemberDtos.View> setMemberRoles(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                               @Valid @NotNull MemberDtos.Roles roles) {
        return membership.setRoles(networkId, memberId, roles).map(m -> viewer(networkId).view(m));
    }

    @POST
    @Path("/{memberId}/erasure")
    @Access({ORGANISER, MEMBER, PERSON_ON_RECORD})
    @Operation(summary = "Erase a member's personal data", description = "By the person themselves or an organiser, after the member left: "
            + "personal fields are scrubbed, membership facts kept, and the other services scrub theirs.")
    public Uni<MemberDtos.View> eraseMember(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId) {
        if (!caller.isOrganiser(networkId)) {
            caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can ask for the erasure of their data.");
        }
        return erasure.erase(networkId, memberId).map(m -> viewer(networkId).view(m));
    }


    private Viewer viewer(UUID networkId) {
        return new Viewer(networkId, caller.get());
    }

    private static RestResponse<MemberDtos.View> withETag(MemberDtos.View view, Member m) {
        return RestResponse.ResponseBuilder.ok(view).header("ETag", ETags.of(m.version)).build();
    }
}
