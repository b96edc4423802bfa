package dev.cohesion.kit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Access;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/**
 * The audit log of the service (docs/audit-log.md): organisers read their network's, the platform administrator
 * too ({@link PlatformAuditLogResource}: every network's and the platform actions; {@link AuditLogExportResource}:
 * the export). Read only: nothing in the API changes or deletes an entry.
 */
@Path("/api/v1/networks/{networkId}/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AuditLogResource {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() { };

    static final String FILTERS = "Filters: `actor` (the organiser's member id), `action`, `targetType`, "
            + "`targetId`, `from` (at or after) and `to` (before).";

    private final AuditEntries entries;
    private final ObjectMapper json;

    AuditLogResource(AuditEntries entries, ObjectMapper json) {
        this.entries = entries;
        this.json = json;
    }

    /** An entry of the log. */
    @Schema(name = "AuditLogEntry")
    public record View(UUID id,
                       @Schema(description = "Absent for a platform action") UUID networkId,
                       Instant at,
                       @Schema(enumeration = {"ORGANISER", "PARTNER", "ADMINISTRATOR"}) String actorRole,
                       @Schema(description = "The organiser's member id in the network") UUID actorMemberId,
                       @Schema(description = "A partner's client id, the administrator's subject; absent for an organiser", maxLength = 255) String actorSubject,
                       @Schema(description = "What was done", example = "member.removed", maxLength = 100) String action,
                       @Schema(description = "On what", example = "member", maxLength = 100) String targetType,
                       @Schema(description = "Its id", maxLength = 255) String targetId,
                       @Schema(type = SchemaType.OBJECT, description = "The fields the action changed, as they were; absent when it created the target")
                       Map<String, Object> before,
                       @Schema(type = SchemaType.OBJECT, description = "The same fields as the action left them")
                       Map<String, Object> after) {
    }

    @GET
    @Access(value = ORGANISER, admin = true)
    @Operation(summary = "The network's audit log", description = "Organisers and the platform administrator. Who did what, "
            + "when, on whom, before and after; newest first. " + FILTERS)
    public Uni<Page<View>> listAuditLog(@PathParam("networkId") UUID networkId,
                                        @Parameter(description = "The acting organiser's member id") @QueryParam("actor") UUID actor,
                                        @QueryParam("action") String action, @QueryParam("targetType") String targetType,
                                        @QueryParam("targetId") String targetId,
                                        @Parameter(description = "At or after") @QueryParam("from") Instant from,
                                        @Parameter(description = "Before") @QueryParam("to") Instant to,
                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return page(entries, json, filter(networkId, actor, action, targetType, targetId, from, to), limit, cursor);
    }

    static Uni<Page<View>> page(AuditEntries entries, ObjectMapper json, AuditEntries.Filter filter, Integer limit,
                                  String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return entries.page(filter, page.afterId(), page.fetch())
                .map(rows -> Page.of(rows, page, e -> e.id().toString(), e -> view(json, e)));
    }

    static AuditEntries.Filter filter(UUID networkId, UUID actor, String action, String targetType, String targetId,
                                              Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        for (String[] text : new String[][]{{"action", action}, {"targetType", targetType}, {"targetId", targetId}}) {
            if (text[1] != null && text[1].length() > 255) {
                throw ProblemException.invalidField(text[0], "must be at most 255 characters");
            }
        }
        return new AuditEntries.Filter(networkId, actor, blankless(action), blankless(targetType), blankless(targetId), from, to);
    }

    private static String blankless(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static View view(ObjectMapper json, AuditEntries.Entry e) {
        return new View(e.id(), e.networkId(), e.at(), e.actorRole(), e.actorMemberId(), e.actorSubject(), e.action(),
                e.targetType(), e.targetId(), tree(json, e.before()), tree(json, e.after()));
    }

    private static Map<String, Object> tree(ObjectMapper json, String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, STATE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry holds JSON that does not parse", e);
        }
    }
}
