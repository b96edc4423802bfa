package dev.cohesion.members.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.Purpose;
import dev.cohesion.members.domain.PurposeStatus;
import dev.cohesion.members.domain.StanceRecord;
import dev.cohesion.members.service.PurposeFollowUp;
import dev.cohesion.members.service.PurposeService;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/** The network's purpose, its versions and their validation with the members. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purpose")
public class PurposeResource {

    private final PurposeService purposes;
    private final PurposeFollowUp followUp;
    private final CurrentCaller caller;

    PurposeResource(PurposeService purposes, PurposeFollowUp followUp, CurrentCaller caller) {
        this.purposes = purposes;
        this.followUp = followUp;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/purposes")
    @Access(ORGANISER)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PurposeDtos.View.class)))
    @Operation(summary = "Draft a new purpose version")
    public Uni<RestResponse<PurposeDtos.View>> draftPurpose(@PathParam("networkId") UUID networkId,
                                                             @Valid @NotNull PurposeDtos.Draft draft, UriInfo uri) {
        return purposes.draft(networkId, draft.statement()).map(p -> RestResponse.ResponseBuilder.<PurposeDtos.View>created(
                uri.getAbsolutePathBuilder().path(p.id.toString()).build()).entity(view(p)).header("ETag", ETags.of(p.version)).build());
    }

    @GET
    @Path("/purposes")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "List the purpose versions", description = "Drafts are listed to organisers only.")
    public Uni<Page<PurposeDtos.View>> listPurposes(@PathParam("networkId") UUID networkId,
                                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        boolean organiser = caller.isOrganiser(networkId);
        return purposes.list(networkId, PageRequest.of(limit, cursor)).map(page -> new Page<>(page.items().stream()
                .filter(p -> organiser || p.status != PurposeStatus.DRAFT).map(PurposeResource::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/purposes/current")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "The network's current (adopted) purpose")
    public Uni<PurposeDtos.View> currentPurpose(@PathParam("networkId") UUID networkId) {
        return purposes.current(networkId).map(PurposeResource::view);
    }

    @GET
    @Path("/purposes/{purposeId}")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "Read a purpose version")
    public Uni<RestResponse<PurposeDtos.View>> getPurpose(@PathParam("networkId") UUID networkId,
                                                           @PathParam("purposeId") UUID purposeId) {
        return visible(networkId, purposeId).map(p -> RestResponse.ResponseBuilder.ok(view(p))
                .header("ETag", ETags.of(p.version)).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/purposes/{purposeId}")
    @Access(ORGANISER)
    @Operation(summary = "Edit a draft", description = "Requires If-Match; only drafts change.")
    public Uni<RestResponse<PurposeDtos.View>> editPurpose(@PathParam("networkId") UUID networkId,
                                                            @PathParam("purposeId") UUID purposeId,
                                                            @HeaderParam("If-Match") String ifMatch,
                                                            @Valid @NotNull PurposeDtos.Draft draft) {
        return purposes.edit(networkId, purposeId, ifMatch, draft.statement()).map(p -> RestResponse.ResponseBuilder
                .ok(view(p)).header("ETag", ETags.of(p.version)).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/purposes/{purposeId}/consultation")
    @Access(ORGANISER)
    @Operation(summary = "Put a draft to consultation with the members",
            description = "Opens now or at opensAt, closes at closesAt: then the network's rule (quorum, endorsement threshold) decides.")
    public Uni<PurposeDtos.View> openConsultation(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId,
                                                  @Valid @NotNull PurposeDtos.Consultation consultation) {
        return purposes.openConsultation(networkId, purposeId, consultation).map(PurposeResource::view);
    }

    @POST
    @Path("/purposes/{purposeId}/closure")
    @Access(ORGANISER)
    @Operation(summary = "Close a consultation early and decide now")
    public Uni<PurposeDtos.View> closeConsultation(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId) {
        return purposes.closeEarly(networkId, purposeId).map(PurposeResource::view);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/purposes/{purposeId}/stances/mine")
    @Access(MEMBER)
    @Operation(summary = "Record or change your stance", description = "ENDORSE, OBJECT (with a reason) or ABSTAIN; active members "
            + "only, while the consultation is open or on the current purpose.")
    public Uni<PurposeDtos.StanceView> recordStance(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId,
                                                    @Valid @NotNull PurposeDtos.StanceRequest request) {
        return purposes.recordStance(networkId, purposeId, caller.memberId(networkId), request).map(PurposeResource::view);
    }

    @GET
    @Path("/purposes/{purposeId}/tally")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "The tally of stances", description = "Organisers see it during the consultation, everyone after.")
    public Uni<PurposeDtos.Tally> getTally(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId) {
        return purposes.tallyFor(networkId, purposeId, caller.isOrganiser(networkId));
    }

    @GET
    @Path("/purposes/{purposeId}/stances")
    @Access(ORGANISER)
    @Operation(summary = "The members' stances and objections' reasons")
    public Uni<Page<PurposeDtos.StanceView>> listStances(@PathParam("networkId") UUID networkId,
                                                         @PathParam("purposeId") UUID purposeId,
                                                         @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return purposes.stances(networkId, purposeId, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(PurposeResource::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/purposes/{purposeId}/follow-up")
    @Access(ORGANISER)
    @Operation(summary = "Whom to follow up: the active members who objected or took no stance", description = "By member id. "
            + "Ask them to reconsider, or to leave with the reason DOES_NOT_SHARE_PURPOSE; an endorsement later takes them off "
            + "the list, and alignment follows.")
    public Uni<Page<PurposeDtos.FollowUp>> listFollowUp(@PathParam("networkId") UUID networkId, @PathParam("purposeId") UUID purposeId,
                                                        @Parameter(schema = @Schema(enumeration = {"OBJECT", "NONE"}))
                                                        @QueryParam("stance") String stance,
                                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (stance != null && !stance.equals("OBJECT") && !stance.equals("NONE")) {
            throw ProblemException.invalidField("stance", "must be OBJECT or NONE");
        }
        return followUp.followUp(networkId, purposeId, stance, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(r -> new PurposeDtos.FollowUp(r.memberId(), r.displayName(), r.stance(),
                        r.reason(), r.recordedAt(), r.askedToReconsiderAt())).toList(), page.nextCursor()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/purposes/{purposeId}/reconsideration-requests")
    @Access(ORGANISER)
    @Operation(summary = "Ask objectors and silent members to reconsider the adopted purpose", description = "Each gets a "
            + "notice asking them to endorse it or to leave with the reason DOES_NOT_SHARE_PURPOSE (docs/notifications.md). "
            + "409 unless the purpose version is the adopted one.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = PurposeDtos.Reconsideration.class)))
    public Uni<RestResponse<PurposeDtos.Reconsideration>> requestReconsideration(@PathParam("networkId") UUID networkId,
                                                                                @PathParam("purposeId") UUID purposeId,
                                                                                @Valid @NotNull PurposeDtos.ReconsiderationRequest request) {
        return followUp.requestReconsideration(networkId, purposeId, request.memberIds()).map(at -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, new PurposeDtos.Reconsideration(purposeId, request.memberIds(), at)).build());
    }

    @GET
    @Path("/alignment")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Purpose alignment", description = "Shares of the active members endorsing the current purpose, objecting, silent.")
    public Uni<PurposeDtos.Alignment> getAlignment(@PathParam("networkId") UUID networkId) {
        return purposes.alignment(networkId);
    }

    private Uni<Purpose> visible(UUID networkId, UUID purposeId) {
        return purposes.purpose(networkId, purposeId).map(p -> {
            if (p.status == PurposeStatus.DRAFT && !caller.isOrganiser(networkId)) {
                throw ProblemException.notFound("purpose", purposeId);
            }
            return p;
        });
    }

    static PurposeDtos.View view(Purpose p) {
        PurposeDtos.Tally tally = p.decidedAt == null ? null : new PurposeDtos.Tally(p.tallyActive, p.tallyEndorse,
                p.tallyObject, p.tallyAbstain, Math.max(0, p.tallyActive - p.tallyEndorse - p.tallyObject - p.tallyAbstain), true);
        return new PurposeDtos.View(p.id, p.networkId, p.number, p.statement, p.status, p.opensAt, p.closesAt, p.decidedAt,
                tally, p.rejectionReason, p.supersededBy, p.version);
    }

    static PurposeDtos.StanceView view(StanceRecord s) {
        return new PurposeDtos.StanceView(s.purposeId, s.memberId, s.stance, s.reason, s.recordedAt);
    }
}
