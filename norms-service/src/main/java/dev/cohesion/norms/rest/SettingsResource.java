package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.norms.service.NetworkRulesService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** The network's norms settings: the sanction ladder, forgiveness and appeal windows, the norm-change vote rule. */
@Path("/api/v1/networks/{networkId}/norms-settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Norms settings")
public class SettingsResource {

    private final NetworkRulesService networks;

    SettingsResource(NetworkRulesService networks) {
        this.networks = networks;
    }

    @GET
    @Access({ORGANISER, MEMBER})
    @Operation(summary = "Read the norms settings", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<SettingsDtos>> getNormsSettings(@PathParam("networkId") UUID networkId) {
        return networks.get(networkId).map(n -> RestResponse.ResponseBuilder.ok(SettingsDtos.of(n))
                .header("ETag", ETags.of(n.version)).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Change the norms settings", description = "Requires If-Match.")
    public Uni<RestResponse<SettingsDtos>> updateNormsSettings(@PathParam("networkId") UUID networkId,
                                                               @HeaderParam("If-Match") String ifMatch,
                                                               @Valid @NotNull SettingsDtos settings) {
        return networks.update(networkId, ifMatch, settings).map(n -> RestResponse.ResponseBuilder.ok(SettingsDtos.of(n))
                .header("ETag", ETags.of(n.version)).build());
    }
}
