package dev.cohesion.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.security.Access;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** The platform administrator's view of the audit log: every network's entries, and the platform actions. */
@Path("/api/v1/admin/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class PlatformAuditLogResource {

    private final AuditEntries entries;
    private final ObjectMapper json;

    PlatformAuditLogResource(AuditEntries entries, ObjectMapper json) {
        this.entries = entries;
        this.json = json;
    }

    @GET
    @Access(admin = true)
    @Operation(summary = "The platform's audit log", description = "The platform administrator: every network's entries and the "
            + "platform actions, newest first; `networkId` narrows to one network. " + AuditLogResource.FILTERS)
    public Uni<Page<AuditLogResource.View>> listPlatformAuditLog(
            @QueryParam("networkId") UUID networkId,
            @Parameter(description = "The acting organiser's member id") @QueryParam("actor") UUID actor,
            @QueryParam("action") String action, @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId,
            @Parameter(description = "At or after") @QueryParam("from") Instant from,
            @Parameter(description = "Before") @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return AuditLogResource.page(entries, json, AuditLogResource.filter(networkId, actor, action, targetType, targetId, from, to),
                limit, cursor);
    }
}
