package dev.cohesion.kit.inbox;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every service's operation on what it dead-lettered (docs/operations.md, "Dead letters"). */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class DeadLetterResource {

    private final DeadLetterReplay replay;
    private final AuditLog audit;

    DeadLetterResource(DeadLetterReplay replay, AuditLog audit) {
        this.replay = replay;
        this.audit = audit;
    }

    @POST
    @Path("/{topic}/replay")
    @Access(admin = true)
    @Operation(summary = "Give the records this service dead-lettered from a topic to its consumer again",
            description = "Once what refused them is fixed (an activity that came before its member's membership, an event a new "
                    + "version accepts). Events applied since change nothing; those refused again stay dead-lettered, not twice. "
                    + "Answers when they were all handed over.")
    @APIResponse(responseCode = "200", description = "The dead letters read and given to the consumer again")
    public Uni<DeadLetterReplay.Result> replayDeadLetters(
            @PathParam("topic") @Pattern(regexp = "[a-z0-9.-]{1,200}", message = "must be a topic name: lower-case letters, digits, dots and dashes")
            String topic) {
        Uni<DeadLetterReplay.Result> replayed = replay.replay(topic); // an unknown topic is refused here, before the entry
        return Panache.withTransaction(() -> audit.record(null, "dead-letters.replay-requested", "topic", topic, null, null))
                .chain(() -> replayed);
    }
}
