package dev.cohesion.metrics.rest;

import dev.cohesion.kit.api.problem.Problem;
import dev.cohesion.kit.api.problem.ProblemMappers;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.metrics.service.EngagementService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/** Enforces {@link RequireNetwork}, after the access check. */
public class RequireNetworkFilter {

    private final EngagementService engagement;

    RequireNetworkFilter(EngagementService engagement) {
        this.engagement = engagement;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(RequireNetwork.class)) {
            return Uni.createFrom().nullItem();
        }
        String id = request.getUriInfo().getPathParameters().getFirst("networkId");
        return engagement.network(UUID.fromString(id)).map(n -> (Response) null).onFailure().recoverWithItem(e -> {
            ProblemType type = ProblemType.NOT_FOUND;
            return ProblemMappers.respond(new Problem(type.uri(), type.title(), 404, "There is no network " + id + " here.",
                    "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), null, null, null));
        });
    }
}
