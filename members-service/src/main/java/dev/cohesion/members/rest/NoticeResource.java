package dev.cohesion.members.rest;

import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.NoticePreferences;
import dev.cohesion.members.service.Notices;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** A member's notices and how they want them (docs/notifications.md). */
@Path("/api/v1/networks/{networkId}/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notices")
public class NoticeResource {

    private final Notices notices;
    private final CurrentCaller caller;

    NoticeResource(Notices notices, CurrentCaller caller) {
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    @Path("/notices")
    @Access({MEMBER, ORGANISER})
    @Operation(summary = "A member's notices, newest first", description = "The member themselves, or an organiser (to see "
            + "that a notice reached its member). Each says whether it was e-mailed.")
    public Uni<Page<NoticeDtos.View>> listNotices(@PathParam("networkId") UUID networkId, @PathParam("memberId") UUID memberId,
                                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        caller.requireOwnRecord(networkId, memberId, true, "Only the member themselves, or an organiser, can read their notices.");
        PageRequest page = PageRequest.of(limit, cursor);
        return notices.ofMember(networkId, memberId, page).map(rows -> Page.of(rows, page, n -> n.id.toString(), NoticeDtos.View::of));
    }

    @GET
    @Path("/notice-preferences")
    @Access(MEMBER)
    @Operation(summary = "How you want your notices", description = "The ETag header is the version to send in If-Match.")
    public Uni<RestResponse<NoticeDtos.Preferences>> getNoticePreferences(@PathParam("networkId") UUID networkId,
                                                                           @PathParam("memberId") UUID memberId) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can read their preferences.");
        return notices.preferences(networkId, memberId).map(NoticeResource::withETag);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/notice-preferences")
    @Access(MEMBER)
    @Operation(summary = "Choose how you want your notices", description = "E-mail or not, at once or in a daily digest, "
            + "kinds to mute. Notices about your own standing and invitations cannot be muted. If-Match optional; a stale one is 412.")
    public Uni<RestResponse<NoticeDtos.Preferences>> setNoticePreferences(@PathParam("networkId") UUID networkId,
                                                                           @PathParam("memberId") UUID memberId,
                                                                           @HeaderParam("If-Match") String ifMatch,
                                                                           @Valid @NotNull NoticeDtos.PreferencesRequest request) {
        caller.requireOwnRecord(networkId, memberId, false, "Only the member themselves can change their preferences.");
        Set<dev.cohesion.events.members.NoticeKind> muted = request.muted() == null || request.muted().isEmpty()
                ? Set.of() : EnumSet.copyOf(request.muted());
        return notices.choose(networkId, memberId, ifMatch, request.email(), request.digest(), muted).map(NoticeResource::withETag);
    }

    private static RestResponse<NoticeDtos.Preferences> withETag(NoticePreferences p) {
        return RestResponse.ResponseBuilder.ok(NoticeDtos.Preferences.of(p)).header("ETag", ETags.of(p.version)).build();
    }
}
