package dev.cohesion.metrics.rest;

import dev.cohesion.kit.api.limits.StreamLimits;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.api.security.Access;
import dev.cohesion.kit.api.security.CurrentCaller;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.HealthStore;
import dev.cohesion.metrics.service.EngagementService;
import dev.cohesion.metrics.service.HealthService;
import dev.cohesion.metrics.service.HealthStreams;
import dev.cohesion.metrics.service.Recommendations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;
import java.util.UUID;

import static dev.cohesion.kit.api.security.NetworkRole.MEMBER;
import static dev.cohesion.kit.api.security.NetworkRole.ORGANISER;
import static dev.cohesion.kit.api.security.NetworkRole.PARTNER;

/** Network health, its weekly series, its live stream, and the recommendations with the members they concern. */
@Path("/api/v1/networks/{networkId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Network health")
public class HealthResource {

    private final HealthService health;
    private final HealthStore store;
    private final HealthStreams liveHealth;
    private final EngagementService engagement;
    private final StreamLimits streams;
    private final CurrentCaller caller;

    HealthResource(HealthService health, HealthStore store, HealthStreams liveHealth, EngagementService engagement, StreamLimits streams,
                   CurrentCaller caller) {
        this.health = health;
        this.store = store;
        this.liveHealth = liveHealth;
        this.engagement = engagement;
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Path("/health")
    @Access(value = {ORGANISER, MEMBER, PARTNER}, scopes = "health:read")
    @Operation(summary = "The network's health", description = "Size by status and segment, active ratio, purpose alignment, "
            + "norm-book acknowledgement, conduct, concentration, retention, the 0-100 score with its parts, the circle's "
            + "direction, and the recommendations. Recomputed within a second of the events that change it.")
    public Uni<HealthDtos.Health> getHealth(@PathParam("networkId") UUID networkId) {
        return engagement.network(networkId).chain(n -> health.currentOrCompute(networkId)).map(HealthDtos::of);
    }

    @GET
    @Path("/health/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Access(value = {ORGANISER, MEMBER, PARTNER}, scopes = "health:read")
    @RequireNetwork
    @Operation(summary = "Live health: the current figures, then each new computation, as server-sent events",
            description = "A caller may hold a few streams open at once (429 beyond). A stream ends when the caller's token "
                    + "expires and after ten minutes without a new computation; reconnect with a fresh token to go on.")
    public Multi<HealthDtos.Health> streamHealth(@PathParam("networkId") UUID networkId) {
        return streams.open(caller.get(), networkId, liveHealth.open(networkId).map(HealthDtos::of));
    }

    @GET
    @Path("/health/series")
    @Access(value = {ORGANISER, MEMBER, PARTNER}, scopes = "health:read")
    @Operation(summary = "Weekly series", description = "Participation per ISO week from the activities' dates; the other figures "
            + "as computed during each week since the service has been running.")
    @WithSession
    public Uni<List<HealthDtos.Week>> healthSeries(@PathParam("networkId") UUID networkId,
                                                   @QueryParam("weeks") @DefaultValue("52") @Min(1) @Max(260) int weeks) {
        return engagement.network(networkId).chain(n -> store.series(networkId, weeks))
                .map(series -> series.stream().map(HealthDtos::of).toList());
    }

    @GET
    @Path("/recommendations")
    @Access({ORGANISER})
    @Operation(summary = "What to do next, each with the figures that triggered it")
    public Uni<List<HealthDtos.Recommendation>> listRecommendations(@PathParam("networkId") UUID networkId) {
        return engagement.network(networkId).chain(n -> health.currentOrCompute(networkId)).map(HealthDtos::recommendations);
    }

    @GET
    @Path("/recommendations/{kind}/members")
    @Access({ORGANISER})
    @Operation(summary = "The members a recommendation concerns", description = "RE_ENGAGE_DORMANT: dormant members with status ACTIVE; "
            + "REMIND_NORM_BOOK: active members who have not acknowledged the current norm book; FOLLOW_UP_RECONSIDERATION: "
            + "active members asked to reconsider the current purpose more than 14 days ago who do not endorse it.")
    public Uni<Page<EngagementDtos.View>> recommendationMembers(@PathParam("networkId") UUID networkId, @PathParam("kind") String kind,
                                                                @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return switch (kind) {
            case Recommendations.RE_ENGAGE_DORMANT -> engagement.list(networkId, Segment.DORMANT, EngagementInputs.Only.DORMANT,
                    v -> v.status().equals("ACTIVE"), page);
            case Recommendations.REMIND_NORM_BOOK -> engagement.list(networkId, null, EngagementInputs.Only.NOT_ACKNOWLEDGED,
                    v -> v.status().equals("ACTIVE") && Boolean.FALSE.equals(v.commitment().acknowledgedNormBook()), page);
            case Recommendations.FOLLOW_UP_RECONSIDERATION -> engagement.list(networkId, null, EngagementInputs.Only.RECONSIDERATION_OVERDUE,
                    v -> v.status().equals("ACTIVE") && Boolean.FALSE.equals(v.commitment().endorsesPurpose()), page);
            default -> throw new ProblemException(ProblemType.NOT_FOUND, "No recommendation lists members by '" + kind
                    + "'; try " + Recommendations.RE_ENGAGE_DORMANT + ", " + Recommendations.REMIND_NORM_BOOK + " or "
                    + Recommendations.FOLLOW_UP_RECONSIDERATION + ".");
        };
    }
}
