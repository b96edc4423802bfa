package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.norms.service.AcknowledgementService;
import dev.cohesion.norms.service.NormBookService;
import dev.cohesion.norms.service.NormFigures;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/** Norms, the versioned norm book and its acknowledgement, and the transparency figures per norm. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Norms")
public class NormResource {

    private final NormBookService book;
    private final AcknowledgementService acknowledgements;
    private final NormFigures figures;
    private final CurrentCaller caller;

    NormResource(NormBookService book, AcknowledgementService acknowledgements, NormFigures figures, CurrentCaller caller) {
        this.book = book;
        this.acknowledgements = acknowledgements;
        this.figures = figures;
        this.caller = caller;
    }

    @POST
    @Path("/norms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = NormDtos.View.class)))
    @Operation(summary = "Propose a norm", description = "A PROPOSED norm joins the book when activated.")
    public Uni<RestResponse<NormDtos.View>> proposeNorm(@PathParam("networkId") UUID networkId,
                                                        @Valid @NotNull NormDtos.NewNorm norm, UriInfo uri) {
        return book.propose(networkId, norm).map(n -> RestResponse.ResponseBuilder.<NormDtos.View>created(
                uri.getAbsolutePathBuilder().path(n.id.toString()).build()).entity(NormDtos.View.of(n))
                .header("ETag", ETags.of(n.rowVersion)).build());
    }

    @GET
    @Path("/norms")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "List the norms, whatever their status, by code")
    public Uni<List<NormDtos.View>> listNorms(@PathParam("networkId") UUID networkId) {
        return book.list(networkId).map(norms -> norms.stream().map(NormDtos.View::of).toList());
    }

    @GET
    @Path("/norms/{normId}")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "Read a norm", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<NormDtos.View>> getNorm(@PathParam("networkId") UUID networkId, @PathParam("normId") UUID normId) {
        return book.norm(networkId, normId).map(n -> RestResponse.ResponseBuilder.ok(NormDtos.View.of(n))
                .header("ETag", ETags.of(n.rowVersion)).build());
    }

    @GET
    @Path("/norms/{normId}/versions")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "Every text version of a norm")
    public Uni<List<NormDtos.VersionView>> listNormVersions(@PathParam("networkId") UUID networkId, @PathParam("normId") UUID normId) {
        return book.versions(networkId, normId).map(v -> v.stream().map(NormDtos.VersionView::of).toList());
    }

    @PUT
    @Path("/norms/{normId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Amend a norm", description = "Requires If-Match. An active norm gets a new text version and the book a new version.")
    public Uni<RestResponse<NormDtos.View>> amendNorm(@PathParam("networkId") UUID networkId, @PathParam("normId") UUID normId,
                                                      @HeaderParam("If-Match") String ifMatch, @Valid @NotNull NormDtos.NormText text) {
        return book.amend(networkId, normId, ifMatch, text).map(n -> RestResponse.ResponseBuilder.ok(NormDtos.View.of(n))
                .header("ETag", ETags.of(n.rowVersion)).build());
    }

    @POST
    @Path("/norms/{normId}/activation")
    @Access(ORGANISER)
    @Operation(summary = "Activate a proposed norm: a new version of the book")
    public Uni<NormDtos.View> activateNorm(@PathParam("networkId") UUID networkId, @PathParam("normId") UUID normId) {
        return book.activate(networkId, normId).map(NormDtos.View::of);
    }

    @POST
    @Path("/norms/{normId}/retirement")
    @Access(ORGANISER)
    @Operation(summary = "Retire an active norm: a new version of the book")
    public Uni<NormDtos.View> retireNorm(@PathParam("networkId") UUID networkId, @PathParam("normId") UUID normId) {
        return book.retire(networkId, normId).map(NormDtos.View::of);
    }

    @GET
    @Path("/norm-book")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "The current norm book")
    public Uni<NormDtos.Book> currentNormBook(@PathParam("networkId") UUID networkId) {
        return book.current(networkId);
    }

    @GET
    @Path("/norm-book/versions/{version}")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "A past version of the norm book")
    public Uni<NormDtos.Book> normBookVersion(@PathParam("networkId") UUID networkId, @PathParam("version") int version) {
        return book.version(networkId, version);
    }

    @GET
    @Path("/norm-book/diff")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "What changed between two versions of the book")
    public Uni<NormDtos.Diff> normBookDiff(@PathParam("networkId") UUID networkId, @QueryParam("from") int from,
                                           @QueryParam("to") int to) {
        return book.diff(networkId, from, to);
    }

    @POST
    @Path("/norm-book/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(MEMBER)
    @Operation(summary = "Acknowledge the current norm book", description = "A new version needs a new acknowledgement.")
    public Uni<NormDtos.Acknowledgement> acknowledgeNormBook(@PathParam("networkId") UUID networkId,
                                                             @Valid @NotNull NormDtos.AcknowledgementRequest request) {
        return acknowledgements.acknowledge(networkId, caller.memberId(networkId), request.version())
                .map(a -> new NormDtos.Acknowledgement(a.memberId, a.bookVersion, a.acknowledgedAt));
    }

    @GET
    @Path("/norm-book/acknowledgements")
    @Access(ORGANISER)
    @Operation(summary = "Who has (acknowledged=true) or has not yet acknowledged the current version")
    public Uni<Page<NormDtos.MemberRef>> listAcknowledgements(@PathParam("networkId") UUID networkId,
                                                              @QueryParam("acknowledged") Boolean acknowledged,
                                                              @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return acknowledgements.coverage(networkId, Boolean.TRUE.equals(acknowledged), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/norms-figures")
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Transparency figures per norm", description = "Reports, upheld share, median time to resolve, appeals and "
            + "overturn share, acknowledgement coverage of the current book.")
    public Uni<List<NormFigures.Figures>> normFigures(@PathParam("networkId") UUID networkId) {
        return figures.forNetwork(networkId);
    }
}
