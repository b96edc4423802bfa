package dev.cohesion.members.rest;

import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.InvitationImportRow;
import dev.cohesion.members.service.InvitationImports;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** Bulk invitations from a CSV file (docs/bulk-invitations.md). */
@Path("/api/v1/networks/{networkId}/invitation-imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bulk invitations")
public class InvitationImportResource {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final InvitationImports imports;
    private final CurrentCaller caller;

    InvitationImportResource(InvitationImports imports, CurrentCaller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD) // checked below, after the caller is: a stranger gets 401, not 415
    @Access(ORGANISER)
    @Operation(summary = "Invite people from a CSV file", description = "Up to 10,000 rows under the header "
            + "`displayName,email,constituency` (optionally `organisation`, `interests` separated by `;`). The file is checked "
            + "at once (400 for what is not such a file); its rows are then invited in the background, each e-mailed its "
            + "invitation. The same file uploaded again answers the same import: nobody is invited twice.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            maxLength = 1048576, example = "displayName,email,constituency,organisation,interests\nAna Lopes,ana@example.org,ACADEMIC,Uni Lisboa,policy;ethics")))
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = InvitationImportDtos.View.class)))
    public Uni<RestResponse<InvitationImportDtos.View>> importInvitations(@PathParam("networkId") UUID networkId,
                                                                         @HeaderParam("Content-Type") String contentType,
                                                                         RoutingContext request, UriInfo uri) {
        if (!isCsv(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the file as text/csv.");
        }
        // the body as the request-limits handler read it (UTF-8): an empty one is an empty file, answered 400
        String csv = request.body() == null || request.body().buffer() == null ? "" : request.body().asString(StandardCharsets.UTF_8.name());
        return imports.upload(networkId, caller.memberId(networkId), csv).map(imp -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, InvitationImportDtos.View.of(imp))
                .location(uri.getAbsolutePathBuilder().path(imp.id.toString()).build()).build());
    }

    @GET
    @Path("/{importId}")
    @Access(ORGANISER)
    @Operation(summary = "An invitation import's progress")
    public Uni<InvitationImportDtos.View> getInvitationImport(@PathParam("networkId") UUID networkId, @PathParam("importId") UUID importId) {
        return imports.get(networkId, importId).map(InvitationImportDtos.View::of);
    }

    @GET
    @Path("/{importId}/rows")
    @Access(ORGANISER)
    @Operation(summary = "An invitation import's rows and their results", description = "By line; `result` narrows to "
            + "INVITED, ALREADY_MEMBER or INVALID.")
    public Uni<Page<InvitationImportDtos.Row>> listInvitationImportRows(@PathParam("networkId") UUID networkId,
                                                                        @PathParam("importId") UUID importId,
                                                                        @QueryParam("result") InvitationImportRow.Result result,
                                                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return imports.rows(networkId, importId, result, page)
                .map(rows -> Page.of(rows, page, r -> Integer.toString(r.line), InvitationImportDtos.Row::of));
    }

    private static boolean isCsv(String contentType) {
        try {
            return contentType != null && MediaType.valueOf(contentType).isCompatible(CSV);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
