package dev.cohesion.norms.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.norms.domain.Acknowledgement;
import dev.cohesion.norms.domain.BreachCase;
import dev.cohesion.norms.service.OwnRecords;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/** A member's own view in norms-service (members-service and metrics-service each have theirs). */
@Path("/api/v1/networks/{networkId}/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

    private final OwnRecords records;
    private final CurrentCaller caller;

    MeResource(OwnRecords records, CurrentCaller caller) {
        this.records = records;
        this.caller = caller;
    }

    @GET
    @Access({MEMBER, ORGANISER})
    @Operation(summary = "Your acknowledgement, votes, reports, sanctions and appeals", description = "Everything this "
            + "service holds about you in the network, as your data export has it; a case about you never names its reporter.")
    public Uni<MeDtos.View> getMyNorms(@PathParam("networkId") UUID networkId) {
        UUID me = caller.memberId(networkId);
        return records.mine(networkId, me).map(mine -> view(mine, me));
    }

    private static MeDtos.View view(OwnRecords.Mine mine, UUID me) {
        OwnRecords.Held held = mine.held();
        List<Acknowledgement> acks = held.acknowledgements();
        Acknowledgement last = acks.isEmpty() ? null : acks.get(acks.size() - 1);
        MeDtos.NormBookStatus book = new MeDtos.NormBookStatus(mine.currentBookVersion(), last == null ? null : last.bookVersion,
                last == null ? null : last.acknowledgedAt,
                mine.currentBookVersion() == 0 || (last != null && last.bookVersion == mine.currentBookVersion()));
        return new MeDtos.View(me, book,
                held.votes().stream().map(v -> new MeDtos.VoteView(v.changeId, held.change(v.changeId).code, v.choice, v.votedAt)).toList(),
                held.proposals().stream().map(NormChangeResource::view).toList(),
                held.casesReported().stream().filter(c -> !c.subjectMemberId.equals(me)).map(c -> view(c, held, true)).toList(),
                held.casesAbout().stream().map(c -> view(c, held, false)).toList(),
                held.sanctions().stream().map(SanctionResource::view).toList(),
                held.appeals().stream().map(SanctionResource::view).toList());
    }

    /** The case as the member may see it: the reporter only to the reporter, the reviewer not at all. */
    private static CaseDtos.View view(BreachCase c, OwnRecords.Held held, boolean reported) {
        return new CaseDtos.View(c.id, c.networkId, c.normId, held.normCodes().get(c.normId), c.normVersion, c.subjectMemberId,
                reported ? c.reporterMemberId : null, c.description, c.status, null, c.decisionReason, c.openedAt, c.decidedAt,
                c.rowVersion);
    }
}
