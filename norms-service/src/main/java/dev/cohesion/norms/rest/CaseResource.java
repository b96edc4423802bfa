package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.domain.CaseStatus;
import dev.cohesion.norms.domain.SanctionLadder;
import dev.cohesion.norms.repository.NormRepository;
import dev.cohesion.norms.service.CaseService;
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

import java.util.List;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/**
 * Breach reports and their cases. Organisers see every case; a member sees the cases they reported or are the
 * subject of, and the subject never learns who reported them.
 */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class CaseResource {

    private final CaseService cases;
    private final SanctionService sanctions;
    private final NormRepository norms;
    private final CurrentCaller caller;

    CaseResource(CaseService cases, SanctionService sanctions, NormRepository norms, CurrentCaller caller) {
        this.cases = cases;
        this.sanctions = sanctions;
        this.norms = norms;
        this.caller = caller;
    }

    @POST
    @Path("/breach-reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access({ORGANISER, MEMBER})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CaseDtos.View.class)))
    @Operation(summary = "Report a breach of a norm", description = "Cites the norm version and what happened; opens a case.")
    public Uni<RestResponse<CaseDtos.View>> reportBreach(@PathParam("networkId") UUID networkId,
                                                         @Valid @NotNull CaseDtos.Report report, UriInfo uri) {
        return cases.report(networkId, caller.memberId(networkId), report).chain(this::view)
                .map(v -> RestResponse.ResponseBuilder.<CaseDtos.View>created(uri.getBaseUriBuilder()
                        .path("/api/v1/networks/{networkId}/cases/{caseId}").build(networkId, v.id())).entity(v).build());
    }

    @GET
    @Path("/cases")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "List cases", description = "Organisers: all, filtered by status. Members: those they reported or are the subject of.")
    public Uni<Page<CaseDtos.View>> listCases(@PathParam("networkId") UUID networkId, @QueryParam("status") CaseStatus status,
                                              @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        UUID involving = caller.isOrganiser(networkId) ? null : caller.memberId(networkId);
        return cases.list(networkId, status, involving, PageRequest.of(limit, cursor)).chain(page ->
                norms.codes(page.items().stream().map(c -> c.normId).distinct().toList()).map(codes ->
                        new Page<>(page.items().stream().map(c -> view(c, codes.get(c.normId))).toList(), page.nextCursor())));
    }

    @GET
    @Path("/cases/{caseId}")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Read a case")
    public Uni<RestResponse<CaseDtos.View>> getCase(@PathParam("networkId") UUID networkId, @PathParam("caseId") UUID caseId) {
        return visible(networkId, caseId).chain(this::view)
                .map(v -> RestResponse.ResponseBuilder.ok(v).header("ETag", ETags.of(v.version())).build());
    }

    @GET
    @Path("/cases/{caseId}/history")
    @Access(ORGANISER)
    @Operation(summary = "The case's audit trail: who did what, when, why",
            description = "An organiser who is the case's subject does not see who reported it.")
    public Uni<List<CaseDtos.HistoryEntry>> caseHistory(@PathParam("networkId") UUID networkId, @PathParam("caseId") UUID caseId) {
        return cases.history(networkId, caseId, caller.memberId(networkId));
    }

    @POST
    @Path("/cases/{caseId}/claim")
    @Access(ORGANISER)
    @Operation(summary = "Claim a case for review", description = "By an organiser who is neither the reporter nor the subject.")
    public Uni<CaseDtos.View> claimCase(@PathParam("networkId") UUID networkId, @PathParam("caseId") UUID caseId) {
        return cases.claim(networkId, caseId, caller.memberId(networkId)).chain(this::view);
    }

    @POST
    @Path("/cases/{caseId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Uphold or dismiss the case", description = "By the organiser who claimed it, with the reason.")
    public Uni<CaseDtos.View> decideCase(@PathParam("networkId") UUID networkId, @PathParam("caseId") UUID caseId,
                                         @Valid @NotNull CaseDtos.Decision decision) {
        return cases.decide(networkId, caseId, caller.memberId(networkId), decision).chain(this::view);
    }

    @GET
    @Path("/cases/{caseId}/recommendation")
    @Access(ORGANISER)
    @Operation(summary = "The sanction the ladder recommends for an upheld case, with its reasoning")
    public Uni<CaseDtos.Recommendation> sanctionRecommendation(@PathParam("networkId") UUID networkId,
                                                               @PathParam("caseId") UUID caseId) {
        return sanctions.recommend(networkId, caseId).map(CaseResource::view);
    }

    @POST
    @Path("/cases/{caseId}/sanction")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CaseDtos.SanctionView.class)))
    @Operation(summary = "Apply a sanction", description = "The recommended rung, or another with a reason.")
    public Uni<RestResponse<CaseDtos.SanctionView>> sanctionCase(@PathParam("networkId") UUID networkId,
                                                                 @PathParam("caseId") UUID caseId,
                                                                 @Valid @NotNull CaseDtos.SanctionRequest request, UriInfo uri) {
        return sanctions.apply(networkId, caseId, caller.memberId(networkId), request).map(s -> RestResponse.ResponseBuilder
                .<CaseDtos.SanctionView>created(uri.getBaseUriBuilder().path("/api/v1/networks/{networkId}/sanctions/{sanctionId}")
                        .build(networkId, s.id)).entity(SanctionResource.view(s)).build());
    }

    private Uni<BreachCase> visible(UUID networkId, UUID caseId) {
        return cases.get(networkId, caseId).map(c -> {
            if (!caller.isOrganiser(networkId)) {
                UUID me = caller.memberId(networkId);
                if (!me.equals(c.subjectMemberId) && !me.equals(c.reporterMemberId)) {
                    throw ProblemException.notFound("case", caseId);
                }
            }
            return c;
        });
    }

    private Uni<CaseDtos.View> view(BreachCase c) {
        return norms.findById(c.normId).map(n -> view(c, n.code));
    }

    private CaseDtos.View view(BreachCase c, String normCode) {
        UUID me = caller.get().memberId(c.networkId).orElse(null);
        boolean showReporter = !c.subjectMemberId.equals(me)
                && (caller.isOrganiser(c.networkId) || c.reporterMemberId.equals(me));
        return new CaseDtos.View(c.id, c.networkId, c.normId, normCode, c.normVersion, c.subjectMemberId,
                showReporter ? c.reporterMemberId : null, c.description, c.status, c.reviewerMemberId, c.decisionReason,
                c.openedAt, c.decidedAt, c.rowVersion);
    }

    static CaseDtos.Recommendation view(SanctionLadder.Recommendation r) {
        return new CaseDtos.Recommendation(r.rung(), r.suspensionDays(), r.countedSanctions(), r.reasoning());
    }
}
