package dev.cohesion.kit.testapp;

import dev.cohesion.events.members.MemberErased;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.UUID;

/** Writes a note and its event in one transaction; with fail=true the transaction rolls back after both writes. */
@Path("/test/notes")
public class NoteResource {

    private final Outbox outbox;

    NoteResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @Access(anyone = true)
    @WithTransaction
    public Uni<String> write(@QueryParam("network") UUID network, @QueryParam("fail") Boolean fail) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.text = "a note";
        return note.persist()
                .chain(() -> outbox.add(MembersEvents.MEMBER_ERASED, network, "notes/" + note.id,
                        new MemberErased(network, note.id, Instant.now())))
                .invoke(eventId -> {
                    if (Boolean.TRUE.equals(fail)) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                })
                .map(UUID::toString);
    }
}
