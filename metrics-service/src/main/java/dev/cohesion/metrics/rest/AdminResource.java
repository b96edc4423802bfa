package dev.cohesion.metrics.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.metrics.service.Rebuild;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

/** Platform operations on metrics-service. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AdminResource {

    private final Rebuild rebuild;

    private final AuditLog audit;

    AdminResource(Rebuild rebuild, AuditLog audit) {
        this.rebuild = rebuild;
        this.audit = audit;
    }

    @POST
    @Path("/rebuild")
    @Access(admin = true)
    @Operation(summary = "Rebuild every projection and score from the topics",
            description = "Empties the derived tables and replays the topics from the beginning; the figures come back as the replay "
                    + "proceeds. Run it with a single instance of the service.")
    @APIResponse(responseCode = "202", description = "The replay started")
    public Uni<Response> rebuildProjections() {
        Instant started = Instant.now();
        // recorded first, in the request's own context (the rebuild's chain ends on another): who asked, and when
        return Panache.withTransaction(() -> audit.record(null, "projections.rebuild-requested", "service", "metrics-service",
                        null, Map.of("startedAt", started)))
                .chain(rebuild::start)
                .map(v -> Response.accepted(Map.of("startedAt", started.toString(), "status", "REPLAYING")).build());
    }
}
