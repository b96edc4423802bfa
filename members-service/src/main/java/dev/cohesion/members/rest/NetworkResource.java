package dev.cohesion.members.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.service.NetworkService;
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

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

@Path("/api/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Networks")
public class NetworkResource {

    private final NetworkService networks;
    private final CurrentCaller caller;

    NetworkResource(NetworkService networks, CurrentCaller caller) {
        this.networks = networks;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(admin = true)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = NetworkDtos.Created.class)))
    @Operation(summary = "Create a network with its first organiser",
            description = "The platform administrator creates networks; the first organiser runs it from there.")
    public Uni<RestResponse<NetworkDtos.Created>> createNetwork(@Valid @NotNull NetworkDtos.CreateRequest request,
                                                                UriInfo uri) {
        return networks.create(request).map(created -> RestResponse.ResponseBuilder.<NetworkDtos.Created>created(
                        uri.getAbsolutePathBuilder().path(created.network().id().toString()).build())
                .entity(created).header("ETag", ETags.of(created.network().version())).build());
    }

    @GET
    @Access(anyone = true)
    @Operation(summary = "List the networks you belong to", description = "All networks for the platform administrator.")
    public Uni<Page<NetworkDtos.View>> listNetworks(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return networks.list(caller.get().identity(), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{networkId}")
    @Access({ORGANISER, MEMBER, PARTNER})
    @Operation(summary = "Read a network and its settings", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<NetworkDtos.View>> getNetwork(@PathParam("networkId") UUID networkId) {
        return networks.get(networkId).map(n -> RestResponse.ResponseBuilder.ok(NetworkDtos.View.of(n))
                .header("ETag", ETags.of(n.version)).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{networkId}")
    @Access(ORGANISER)
    @Operation(summary = "Update the network's name and settings", description = "Requires If-Match with the ETag you read.")
    public Uni<RestResponse<NetworkDtos.View>> updateNetwork(@PathParam("networkId") UUID networkId,
                                                             @HeaderParam("If-Match") String ifMatch,
                                                             @Valid @NotNull NetworkDtos.UpdateRequest request) {
        return networks.update(networkId, ifMatch, request).map(n -> RestResponse.ResponseBuilder.ok(NetworkDtos.View.of(n))
                .header("ETag", ETags.of(n.version)).build());
    }
}
