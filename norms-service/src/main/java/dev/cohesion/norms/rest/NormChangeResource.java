package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.norms.domain.ChangeStatus;
import dev.cohesion.norms.domain.NormChange;
import dev.cohesion.norms.service.NormChangeService;
import dev.cohesion.norms.service.ReviewSuggestions;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** Norm changes voted by the members, and metrics-service's suggestions that an organiser may turn into one. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Norm changes")
public class NormChangeResource {

    private final NormChangeService changes;
    private final ReviewSuggestions suggestions;
    private final CurrentCaller caller;

    NormChangeResource(NormChangeService changes, ReviewSuggestions suggestions, CurrentCaller caller) {
        this.changes = changes;
        this.suggestions = suggestions;
        this.caller = caller;
    }

    @POST
    @Path("/norm-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access({ORGANISER, MEMBER})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ChangeDtos.View.class)))
    @Operation(summary = "Propose to add, amend or retire a norm", description = "Any active member; the vote opens now.")
    public Uni<RestResponse<ChangeDtos.View>> proposeNormChange(@PathParam("networkId") UUID networkId,
                                                                @Valid @NotNull ChangeDtos.Proposal proposal, UriInfo uri) {
        return changes.propose(networkId, caller.memberId(networkId), proposal, null).map(c -> created(c, uri));
    }

    @GET
    @Path("/norm-changes")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "List norm-change proposals")
    public Uni<Page<ChangeDtos.View>> listNormChanges(@PathParam("networkId") UUID networkId,
                                                      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return changes.list(networkId, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(NormChangeResource::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/norm-changes/{changeId}")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Read a proposal, with its turnout and outcome once closed")
    public Uni<ChangeDtos.View> getNormChange(@PathParam("networkId") UUID networkId, @PathParam("changeId") UUID changeId) {
        return changes.change(networkId, changeId).map(NormChangeResource::view);
    }

    @PUT
    @Path("/norm-changes/{changeId}/votes/mine")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(MEMBER)
    @Operation(summary = "Vote FOR, AGAINST or ABSTAIN", description = "Active members, while the vote is open; changeable until it closes.")
    public Uni<ChangeDtos.VoteRequest> voteOnNormChange(@PathParam("networkId") UUID networkId, @PathParam("changeId") UUID changeId,
                                                        @Valid @NotNull ChangeDtos.VoteRequest vote) {
        return changes.vote(networkId, changeId, caller.memberId(networkId), vote.choice())
                .map(v -> new ChangeDtos.VoteRequest(v.choice));
    }

    @POST
    @Path("/norm-changes/{changeId}/closure")
    @Access(ORGANISER)
    @Operation(summary = "Close the vote early and decide now")
    public Uni<ChangeDtos.View> closeNormChange(@PathParam("networkId") UUID networkId, @PathParam("changeId") UUID changeId) {
        return changes.closeEarly(networkId, changeId).map(NormChangeResource::view);
    }

    @GET
    @Path("/review-suggestions")
    @Access(ORGANISER)
    @Operation(summary = "Norm review suggestions from metrics-service, with the figures behind them")
    public Uni<Page<ChangeDtos.Suggestion>> listReviewSuggestions(@PathParam("networkId") UUID networkId,
                                                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return suggestions.list(networkId, PageRequest.of(limit, cursor));
    }

    @POST
    @Path("/review-suggestions/{suggestionId}/proposal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ChangeDtos.View.class)))
    @Operation(summary = "Confirm a suggestion: open a proposal about its norm for the members' vote")
    public Uni<RestResponse<ChangeDtos.View>> confirmReviewSuggestion(@PathParam("networkId") UUID networkId,
                                                                      @PathParam("suggestionId") UUID suggestionId,
                                                                      @Valid @NotNull ChangeDtos.Proposal proposal, UriInfo uri) {
        return suggestions.confirm(networkId, suggestionId, caller.memberId(networkId), proposal).map(c -> RestResponse.ResponseBuilder
                .<ChangeDtos.View>created(uri.getBaseUriBuilder().path("/api/v1/networks/{networkId}/norm-changes/{changeId}")
                        .build(networkId, c.id)).entity(view(c)).build());
    }

    private static RestResponse<ChangeDtos.View> created(NormChange c, UriInfo uri) {
        return RestResponse.ResponseBuilder.<ChangeDtos.View>created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .entity(view(c)).build();
    }

    static ChangeDtos.View view(NormChange c) {
        ChangeDtos.Turnout turnout = c.status == ChangeStatus.VOTING ? null
                : new ChangeDtos.Turnout(c.eligible, c.votesFor, c.votesAgainst, c.abstentions);
        return new ChangeDtos.View(c.id, c.kind, c.normId, c.code, c.title, c.text, c.category, c.severity, c.rationale, c.status,
                c.proposedBy, c.suggestionId, c.openedAt, c.closesAt, c.decidedAt, turnout, c.rowVersion);
    }
}
