package dev.cohesion.metrics.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.idempotency.IdempotencyKeys;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.service.ActivityDoor;
import dev.cohesion.metrics.service.EngagementService;
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
import jakarta.ws.rs.core.Response;
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

/** Activities in, engagement out: per member and by segment, and the network's engagement settings. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Engagement")
public class EngagementResource {

    private final ActivityDoor door;
    private final EngagementService engagement;
    private final IdempotencyKeys idempotency;
    private final CurrentCaller caller;

    EngagementResource(ActivityDoor door, EngagementService engagement, IdempotencyKeys idempotency, CurrentCaller caller) {
        this.door = door;
        this.engagement = engagement;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Path("/activities")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(value = {ORGANISER, PARTNER}, scopes = "activities:write")
    @Operation(summary = "Record activities (up to 1,000)", description = "Answers 202 with a result per item: ACCEPTED, DUPLICATE "
            + "(its idempotency key counted before), REJECTED with the reason, or UNMATCHED (a partner's externalId or email that "
            + "names nobody yet: kept, and counted once a link names its member). Safe to retry with an Idempotency-Key.")
    @APIResponse(responseCode = "202", description = "Accepted for counting", content = @Content(schema = @Schema(implementation = ActivityDtos.Result.class)))
    public Uni<Response> recordActivities(@PathParam("networkId") UUID networkId,
                                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                          @Valid @NotNull ActivityDtos.Batch batch) {
        String source = batch.source() != null ? batch.source() : caller.get().subject();
        return idempotency.once(idempotencyKey, "recordActivities " + networkId, batch, () ->
                door.accept(networkId, source, batch.activities(), caller.get().identity()).map(result -> Response.accepted(result).build()));
    }

    @GET
    @Path("/unmatched-activities")
    @Access(value = {ORGANISER, PARTNER}, scopes = "activities:write")
    @Operation(summary = "Activities that name nobody yet", description = "A partner's activities whose externalId or email no "
            + "member is linked to yet: how many, since when, the oldest 20. Each is counted once a link names its member within "
            + "the window, then dropped (docs/partners.md). Partners see their own; organisers every partner's.")
    public Uni<ActivityDtos.UnmatchedReport> unmatchedActivities(@PathParam("networkId") UUID networkId) {
        return door.unmatched(networkId, caller.isOrganiser(networkId) ? null : caller.get().identity());
    }

    @GET
    @Path("/members/{memberId}/engagement")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "A member's engagement", description = "Participation, regularity, commitment and trust, each with the parts "
            + "it was made of, and the segment. Members read their own; organisers anyone's.")
    public Uni<EngagementDtos.View> memberEngagement(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId) {
        caller.requireOwnRecord(networkId, memberId, true, "Members read their own engagement.");
        return engagement.member(networkId, memberId);
    }

    @GET
    @Path("/me/engagement")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Your engagement", description = "Your participation, regularity, commitment and trust, each with "
            + "the parts it was made of, and your segment: what organisers see of you. Your membership and stances: "
            + "members-service's …/me; your norms record: norms-service's …/me.")
    public Uni<EngagementDtos.View> myEngagement(@PathParam("networkId") UUID networkId) {
        return engagement.member(networkId, caller.memberId(networkId));
    }

    @GET
    @Path("/engagement")
    @Access(ORGANISER)
    @Operation(summary = "Engagement of the network's current members, optionally of one segment, page by page")
    public Uni<Page<EngagementDtos.View>> listEngagement(@PathParam("networkId") UUID networkId, @QueryParam("segment") Segment segment,
                                                         @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return engagement.list(networkId, segment, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/engagement-settings")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "How this network's activities are weighed", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<EngagementDtos.Settings>> getEngagementSettings(@PathParam("networkId") UUID networkId) {
        return engagement.network(networkId).map(EngagementResource::settings);
    }

    @PUT
    @Path("/engagement-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Change activity types and weights, the half-life, the core threshold", description = "Requires If-Match.")
    public Uni<RestResponse<EngagementDtos.Settings>> updateEngagementSettings(@PathParam("networkId") UUID networkId,
                                                                               @HeaderParam("If-Match") String ifMatch,
                                                                               @Valid @NotNull EngagementDtos.Settings settings) {
        settings.weights().keySet().forEach(type -> {
            if (!type.matches("[A-Z][A-Z0-9_]{1,39}")) {
                throw ProblemException.invalidField("weights." + type, "activity types are upper-case letters, digits and underscores");
            }
        });
        return engagement.updateSettings(networkId, ifMatch, settings).map(EngagementResource::settings);
    }

    private static RestResponse<EngagementDtos.Settings> settings(EngagementInputs.NetworkFacts n) {
        return RestResponse.ResponseBuilder.ok(EngagementDtos.Settings.of(n)).header("ETag", ETags.of(n.version())).build();
    }
}
