package dev.cohesion.members.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.service.PartnerService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/** The partner registry: which partner organisations' clients may do what in the network (docs/security.md). */
@Path("/api/v1/networks/{networkId}/partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class PartnerResource {

    private final PartnerService partners;
    private final CurrentCaller caller;

    PartnerResource(PartnerService partners, CurrentCaller caller) {
        this.partners = partners;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Register a partner's client", description = "The partner signs in with client credentials at the "
            + "identity provider; from its first call it may do what the scopes allow, in this network only. Without `clientId`, "
            + "where the deployment creates partners' clients, the client is created at the identity provider and its "
            + "credentials are in this answer only (docs/partners.md, \"Onboarding\").")
    @APIResponse(responseCode = "201", description = "The registration, with the credentials of a client created for it",
            content = @Content(schema = @Schema(implementation = PartnerDtos.View.class)))
    public Uni<RestResponse<PartnerDtos.View>> registerPartner(@PathParam("networkId") UUID networkId,
                                                               @Valid @NotNull PartnerDtos.Registration registration, UriInfo uri) {
        return partners.register(networkId, caller.memberId(networkId), registration.name(), registration.clientId(),
                        registration.scopes())
                .map(r -> RestResponse.ResponseBuilder.<PartnerDtos.View>created(uri.getAbsolutePathBuilder().path(r.partner().id.toString()).build())
                        .entity(PartnerDtos.View.of(r.partner(), r.credentials())).header("ETag", ETags.of(r.partner().version))
                        .header("Cache-Control", "no-store").build());
    }

    @GET
    @Access(ORGANISER)
    @Operation(summary = "The network's partners, revoked ones included")
    public Uni<Page<PartnerDtos.View>> listPartners(@PathParam("networkId") UUID networkId,
                                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return partners.list(networkId, PageRequest.of(limit, cursor))
                .map(page -> new Page<>(page.items().stream().map(PartnerDtos.View::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{partnerId}")
    @Access(ORGANISER)
    @Operation(summary = "Read a partner", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<PartnerDtos.View>> getPartner(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId) {
        return partners.partner(networkId, partnerId)
                .map(p -> RestResponse.ResponseBuilder.ok(PartnerDtos.View.of(p)).header("ETag", ETags.of(p.version)).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{partnerId}")
    @Access(ORGANISER)
    @Operation(summary = "Rename a partner or change its scopes", description = "Requires If-Match. Takes effect on its next call.")
    public Uni<RestResponse<PartnerDtos.View>> changePartner(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId,
                                                             @HeaderParam("If-Match") String ifMatch,
                                                             @Valid @NotNull PartnerDtos.Change change) {
        return partners.change(networkId, partnerId, ifMatch, change.name(), change.scopes())
                .map(p -> RestResponse.ResponseBuilder.ok(PartnerDtos.View.of(p)).header("ETag", ETags.of(p.version)).build());
    }

    @POST
    @Path("/{partnerId}/secret-rotation")
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "Rotate the secret of a partner's client", description = "Organisers, and the partner itself; only for "
            + "a client Cohesion created. The new secret is in this answer only; the previous one stops working at once (tokens "
            + "already issued live until they expire).")
    @APIResponse(responseCode = "200", description = "The partner, with its new credentials",
            content = @Content(schema = @Schema(implementation = PartnerDtos.View.class)))
    public Uni<RestResponse<PartnerDtos.View>> rotatePartnerSecret(@PathParam("networkId") UUID networkId,
                                                                   @PathParam("partnerId") UUID partnerId) {
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> partners.rotateSecret(networkId, partnerId))
                .map(r -> RestResponse.ResponseBuilder.ok(PartnerDtos.View.of(r.partner(), r.credentials()))
                        .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/{partnerId}/revocation")
    @Access(ORGANISER)
    @Operation(summary = "Revoke a partner", description = "Its next call to any of the services is refused; a client Cohesion "
            + "created is disabled at the identity provider.")
    public Uni<PartnerDtos.View> revokePartner(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId) {
        return partners.revoke(networkId, partnerId, caller.memberId(networkId)).map(PartnerDtos.View::of);
    }
}
