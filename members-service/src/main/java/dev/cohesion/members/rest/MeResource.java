package dev.cohesion.members.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.members.domain.Purpose;
import dev.cohesion.members.domain.StanceRecord;
import dev.cohesion.members.service.MembershipService;
import dev.cohesion.members.service.PurposeService;
import dev.cohesion.members.service.Viewer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** A member's own view in members-service (norms-service and metrics-service each have theirs). */
@Path("/api/v1/networks/{networkId}/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

    private final MembershipService membership;
    private final PurposeService purposes;
    private final CurrentCaller caller;

    MeResource(MembershipService membership, PurposeService purposes, CurrentCaller caller) {
        this.membership = membership;
        this.purposes = purposes;
        this.caller = caller;
    }

    @GET
    @Access({MEMBER, ORGANISER})
    @Operation(summary = "Your membership, standing and stances", description = "Your own record (status, suspension's end, "
            + "roles), your stance on the adopted purpose and on the version in consultation. Your notices: "
            + "GET …/members/{yourId}/notices; your cases, sanctions and votes: norms-service's …/me; your engagement: "
            + "metrics-service's …/me/engagement.")
    public Uni<MeDtos.View> getMe(@PathParam("networkId") UUID networkId) {
        UUID memberId = caller.memberId(networkId);
        return membership.member(networkId, memberId).chain(m -> purposes.ownStances(networkId, memberId)
                .map(s -> new MeDtos.View(Viewer.ownRecord(m), stance(s.current(), s.onCurrent()),
                        stance(s.inConsultation(), s.onConsultation()))));
    }

    private static MeDtos.PurposeStance stance(Purpose p, StanceRecord st) {
        if (p == null) {
            return null;
        }
        return new MeDtos.PurposeStance(p.id, p.number, p.closesAt, st == null ? null : PurposeResource.view(st));
    }
}
