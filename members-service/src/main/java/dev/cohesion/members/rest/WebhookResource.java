package dev.cohesion.members.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.service.PartnerService;
import dev.cohesion.members.service.WebhookSubscriptions;
import dev.cohesion.members.service.WebhookTargets;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/**
 * Partners' webhook subscriptions, their delivery log and replays (docs/partners.md). Organisers create and change
 * them; the partner itself may read them, rotate a secret, read the log and ask for replays.
 */
@Path("/api/v1/networks/{networkId}/partners/{partnerId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final WebhookSubscriptions subscriptions;
    private final PartnerService partners;
    private final WebhookTargets targets;
    private final CurrentCaller caller;

    WebhookResource(WebhookSubscriptions subscriptions, PartnerService partners, WebhookTargets targets, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.partners = partners;
        this.targets = targets;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Subscribe a partner to events", description = "Deliveries start with the events that happen from now "
            + "on, signed with the secret in this answer, which is not shown again.")
    @APIResponse(responseCode = "201", description = "The subscription and its secret",
            content = @Content(schema = @Schema(implementation = WebhookDtos.WithSecret.class)))
    public Uni<RestResponse<WebhookDtos.WithSecret>> createWebhook(@PathParam("networkId") UUID networkId,
                                                                   @PathParam("partnerId") UUID partnerId,
                                                                   @Valid @NotNull WebhookDtos.Subscription request, UriInfo uri) {
        UUID organiser = caller.memberId(networkId);
        return targets.checked("url", request.url())
                .chain(url -> subscriptions.create(networkId, partnerId, organiser, url, request.eventTypes()))
                .map(created -> RestResponse.ResponseBuilder.<WebhookDtos.WithSecret>created(
                                uri.getAbsolutePathBuilder().path(created.subscription().id.toString()).build())
                        .entity(new WebhookDtos.WithSecret(WebhookDtos.View.of(created.subscription()), created.secret()))
                        .header("ETag", ETags.of(created.subscription().version)).build());
    }

    @GET
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "The partner's webhook subscriptions", description = "Organisers, and the partner itself.")
    public Uni<Page<WebhookDtos.View>> listWebhooks(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId,
                                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.list(networkId, partnerId, page))
                .map(rows -> Page.of(rows, page, s -> s.id.toString(), WebhookDtos.View::of));
    }

    @GET
    @Path("/{subscriptionId}")
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "Read a webhook subscription", description = "Organisers, and the partner itself. The ETag header is "
            + "the version to send in If-Match.")
    public Uni<RestResponse<WebhookDtos.View>> getWebhook(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId,
                                                          @PathParam("subscriptionId") UUID subscriptionId) {
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.subscription(networkId, partnerId, subscriptionId))
                .map(s -> RestResponse.ResponseBuilder.ok(WebhookDtos.View.of(s)).header("ETag", ETags.of(s.version)).build());
    }

    @PUT
    @Path("/{subscriptionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(ORGANISER)
    @Operation(summary = "Change, disable or enable a webhook subscription", description = "Requires If-Match. Disabling stops "
            + "deliveries (they queue up, event webhook-disabled); enabling resumes them in order.")
    public Uni<RestResponse<WebhookDtos.View>> changeWebhook(@PathParam("networkId") UUID networkId,
                                                             @PathParam("partnerId") UUID partnerId,
                                                             @PathParam("subscriptionId") UUID subscriptionId,
                                                             @HeaderParam("If-Match") String ifMatch,
                                                             @Valid @NotNull WebhookDtos.Change change) {
        UUID organiser = caller.memberId(networkId);
        return targets.checked("url", change.url())
                .chain(url -> subscriptions.change(networkId, partnerId, subscriptionId, ifMatch, url, change.eventTypes(),
                        change.active(), organiser))
                .map(s -> RestResponse.ResponseBuilder.ok(WebhookDtos.View.of(s)).header("ETag", ETags.of(s.version)).build());
    }

    @POST
    @Path("/{subscriptionId}/secret-rotation")
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "Rotate the signing secret", description = "Organisers, and the partner itself. The new secret, shown "
            + "only in this answer, signs from now on; the previous one also signs until `previousSecretUntil` (both "
            + "signatures are sent), so that the receiver can switch without losing a delivery.")
    public Uni<WebhookDtos.WithSecret> rotateWebhookSecret(@PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId,
                                                           @PathParam("subscriptionId") UUID subscriptionId) {
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.rotate(networkId, partnerId, subscriptionId))
                .map(r -> new WebhookDtos.WithSecret(WebhookDtos.View.of(r.subscription()), r.secret()));
    }

    @GET
    @Path("/{subscriptionId}/deliveries")
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "The delivery log", description = "Organisers, and the partner itself. Deliveries in the order they "
            + "are sent, each with its attempts (status, error, latency).")
    public Uni<Page<WebhookDtos.Delivery>> listWebhookDeliveries(
            @PathParam("networkId") UUID networkId, @PathParam("partnerId") UUID partnerId,
            @PathParam("subscriptionId") UUID subscriptionId,
            @Parameter(schema = @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"})) @QueryParam("status") String status,
            @Parameter(description = "Occurred at or after") @QueryParam("from") Instant from,
            @Parameter(description = "Occurred before") @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (status != null && !java.util.Set.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
            throw ProblemException.invalidField("status", "must be PENDING, DELIVERED or FAILED");
        }
        long afterSeq = afterSeq(page);
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.deliveries(networkId, partnerId, subscriptionId, status, from, to, afterSeq, page.fetch()))
                .map(rows -> Page.of(rows, page, d -> Long.toString(d.seq()), WebhookDtos.Delivery::of));
    }

    @POST
    @Path("/{subscriptionId}/deliveries/{deliveryId}/replay")
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "Deliver one delivery again", description = "Organisers, and the partner itself. Queued at the end of the "
            + "subscription's queue with the same webhook-id.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = WebhookDtos.Replayed.class)))
    public Uni<RestResponse<WebhookDtos.Replayed>> replayWebhookDelivery(@PathParam("networkId") UUID networkId,
                                                                         @PathParam("partnerId") UUID partnerId,
                                                                         @PathParam("subscriptionId") UUID subscriptionId,
                                                                         @PathParam("deliveryId") UUID deliveryId) {
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.replay(networkId, partnerId, subscriptionId, deliveryId, null, null))
                .map(n -> RestResponse.accepted(new WebhookDtos.Replayed(n)));
    }

    @POST
    @Path("/{subscriptionId}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access({ORGANISER, PARTNER})
    @Operation(summary = "Deliver a time range again", description = "Organisers, and the partner itself. Every delivery whose "
            + "event occurred in the range is queued again, in order, at the end of the queue (at most 10,000 per request).")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = WebhookDtos.Replayed.class)))
    public Uni<RestResponse<WebhookDtos.Replayed>> replayWebhookRange(@PathParam("networkId") UUID networkId,
                                                                      @PathParam("partnerId") UUID partnerId,
                                                                      @PathParam("subscriptionId") UUID subscriptionId,
                                                                      @Valid @NotNull WebhookDtos.ReplayRange range) {
        if (!range.from().isBefore(range.to())) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        return partners.requireOrganiserOrSelf(caller.get(), networkId, partnerId)
                .chain(() -> subscriptions.replay(networkId, partnerId, subscriptionId, null, range.from(), range.to()))
                .map(n -> RestResponse.accepted(new WebhookDtos.Replayed(n)));
    }

    private static long afterSeq(PageRequest page) {
        if (page.after() == null) {
            return 0;
        }
        try {
            return Long.parseLong(page.after());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
