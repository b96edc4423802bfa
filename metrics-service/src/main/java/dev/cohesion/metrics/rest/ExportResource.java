package dev.cohesion.metrics.rest;

import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.export.Exports;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.service.EngagementService;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;

/**
 * Organisers' exports (docs/exports.md): streamed, CSV with {@code Accept: text/csv} and a JSON array otherwise (no
 * {@code @Produces}: {@link Exports} sets the type).
 */
@Path("/api/v1/networks/{networkId}/exports")
@Tag(name = "Exports")
public class ExportResource {

    private static final List<Exports.Column> ENGAGEMENT = Exports.columns("memberId", "displayName", "status", "segment",
            "active", "lastActivityAt", "participation", "regularity", "commitment", "trust", "endorsesPurpose",
            "acknowledgedNormBook");

    private final EngagementService engagement;
    private final Exports exports;

    ExportResource(EngagementService engagement, Exports exports) {
        this.engagement = engagement;
        this.exports = exports;
    }

    @Schema(name = "EngagementExportRow", description = "A current member's engagement and its parts' values")
    public record EngagementRow(UUID memberId, @Schema(maxLength = 200) String displayName,
                                @Schema(enumeration = {"ACTIVE", "SUSPENDED"}) String status, Segment segment, boolean active,
                                Instant lastActivityAt, double participation, double regularity, double commitment,
                                double trust, Boolean endorsesPurpose, Boolean acknowledgedNormBook) {
    }

    @GET
    @Path("/engagement")
    @Access(ORGANISER)
    @Operation(summary = "Export the members' engagement and segments", description = "Every current member (or one segment's): "
            + "segment, participation, regularity, commitment and trust, as the engagement reads compute them. For a "
            + "re-engagement mail-merge, join it with members-service's directory export on `memberId`.")
    @APIResponse(responseCode = "200", description = "The members, in id order", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EngagementRow.class, maxItems = 10_000_000)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE))})
    public RestMulti<Buffer> exportEngagement(@PathParam("networkId") UUID networkId, @QueryParam("segment") Segment segment,
                                              @Context HttpHeaders headers) {
        var network = engagement.network(networkId).memoize().indefinitely();
        return exports.stream(network, Exports.Format.of(headers), "engagement", ENGAGEMENT,
                network.onItem().transformToMulti(n -> engagement.all(n, segment)).map(ExportResource::row));
    }

    private static Object[] row(EngagementDtos.View v) {
        return new Object[]{v.memberId(), v.displayName(), v.status(), v.segment(), v.active(), v.lastActivityAt(),
                v.participation().value(), v.regularity().value(), v.commitment().value(), v.trust().value(),
                v.commitment().endorsesPurpose(), v.commitment().acknowledgedNormBook()};
    }
}
