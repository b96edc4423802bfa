package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.norms.domain.Appeal;
import dev.cohesion.norms.domain.Sanction;
import dev.cohesion.norms.service.SanctionService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.time.Instant;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** Sanctions and appeals. A member sees their own; organisers see all. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sanctions and appeals")
public class SanctionResource {

    private final SanctionService sanctions;
    private final CurrentCaller caller;

    SanctionResource(SanctionService sanctions, CurrentCaller caller) {
        this.sanctions = sanctions;
        this.caller = caller;
    }

    @GET
    @Path("/sanctions")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "List sanctions", description = "Organisers: all, or one member's with memberId. Members: their own.")
    public Uni<Page<CaseDtos.SanctionView>> listSanctions(@PathParam("networkId") UUID networkId,
                                                          @QueryParam("memberId") UUID memberId,
                                                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        UUID whose = caller.isOrganiser(networkId) ? memberId : caller.memberId(networkId);
        return sanctions.list(networkId, whose, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(SanctionResource::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/sanctions/{sanctionId}")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Read a sanction")
    public Uni<CaseDtos.SanctionView> getSanction(@PathParam("networkId") UUID networkId, @PathParam("sanctionId") UUID sanctionId) {
        return sanctions.get(networkId, sanctionId).map(s -> {
            requireOwnOrOrganiser(networkId, s.memberId, "sanction", sanctionId);
            return view(s);
        });
    }

    @POST
    @Path("/sanctions/{sanctionId}/appeal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(MEMBER)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CaseDtos.AppealView.class)))
    @Operation(summary = "Appeal your sanction", description = "Once per sanction, until the sanction's `appealUntil`: the network's appeal window (20 days by default) when it was applied.")
    public Uni<RestResponse<CaseDtos.AppealView>> appealSanction(@PathParam("networkId") UUID networkId,
                                                                 @PathParam("sanctionId") UUID sanctionId,
                                                                 @Valid @NotNull CaseDtos.AppealRequest request, UriInfo uri) {
        return sanctions.appeal(networkId, sanctionId, caller.memberId(networkId), request.text()).map(a -> RestResponse.ResponseBuilder
                .<CaseDtos.AppealView>created(uri.getBaseUriBuilder().path("/api/v1/networks/{networkId}/appeals/{appealId}")
                        .build(networkId, a.id)).entity(view(a)).build());
    }

    @GET
    @Path("/appeals")
    @Access(ORGANISER)
    @Operation(summary = "List appeals")
    public Uni<Page<CaseDtos.AppealView>> listAppeals(@PathParam("networkId") UUID networkId,
                                                      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return sanctions.appeals(networkId, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(SanctionResource::view).toList(), page.nextCursor()));
    }

    @GET
    @Path("/appeals/{appealId}")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Read an appeal")
    public Uni<CaseDtos.AppealView> getAppeal(@PathParam("networkId") UUID networkId, @PathParam("appealId") UUID appealId) {
        return sanctions.getAppeal(networkId, appealId).map(a -> {
            requireOwnOrOrganiser(networkId, a.memberId, "appeal", appealId);
            return view(a);
        });
    }

    @POST
    @Path("/appeals/{appealId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Decide an appeal", description = "By an organiser other than the one who sanctioned. "
            + "Upheld: the sanction is lifted and expunged from the ladder count.")
    public Uni<CaseDtos.AppealView> decideAppeal(@PathParam("networkId") UUID networkId, @PathParam("appealId") UUID appealId,
                                                 @Valid @NotNull CaseDtos.AppealDecision decision) {
        return sanctions.decideAppeal(networkId, appealId, caller.memberId(networkId), decision).map(SanctionResource::view);
    }

    private void requireOwnOrOrganiser(UUID networkId, UUID owner, String what, UUID id) {
        if (!caller.isOrganiser(networkId) && !owner.equals(caller.memberId(networkId))) {
            throw ProblemException.notFound(what, id);
        }
    }

    static CaseDtos.SanctionView view(Sanction s) {
        return new CaseDtos.SanctionView(s.id, s.caseId, s.memberId, s.rung, s.recommendedRung, s.overrideReason, s.reasoning,
                s.noteToMember, s.appliedBy, s.appliedAt, s.endsAt, s.appealUntil, s.state(Instant.now()), s.liftedAt, s.expunged);
    }

    static CaseDtos.AppealView view(Appeal a) {
        return new CaseDtos.AppealView(a.id, a.sanctionId, a.memberId, a.text, a.status, a.filedAt, a.decidedBy, a.decidedAt,
                a.decisionReason);
    }
}
