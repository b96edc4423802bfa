package dev.cohesion.kit.api.security;

import dev.cohesion.kit.api.problem.Problem;
import dev.cohesion.kit.api.problem.ProblemMappers;
import dev.cohesion.kit.api.problem.ProblemType;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.UUID;

/** Enforces {@link Access} on every REST operation, after verifying the bearer token. */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;

    AccessFilter(CurrentIdentityAssociation identities, CurrentCaller current) {
        this.identities = identities;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        return identities.getDeferredIdentity()
                .onItemOrFailure().transform((identity, failure) -> {
                    if (failure != null || identity == null || identity.isAnonymous()
                            || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                        return unauthenticated(path);
                    }
                    Caller caller = CallerClaims.read(token);
                    current.set(caller);
                    return decide(method, caller, request, path);
                });
    }

    private Response decide(Method method, Caller caller, ContainerRequestContext request, String path) {
        Access access = method.getAnnotation(Access.class);
        if (access == null) {
            LOG.errorf("%s.%s has no @Access rule: refused", method.getDeclaringClass().getSimpleName(), method.getName());
            return denied(ProblemType.FORBIDDEN, "This operation has no access rule, so nobody may call it.", path);
        }
        if (access.anyone() || (access.admin() && caller.admin())) {
            return null;
        }
        String networkParam = request.getUriInfo().getPathParameters().getFirst("networkId");
        if (networkParam == null || access.value().length == 0) {
            return denied(ProblemType.FORBIDDEN, "Only the platform administrator may do this.", path);
        }
        UUID networkId = parse(networkParam);
        Caller.Grant grant = networkId == null ? null : caller.grant(networkId).orElse(null);
        if (grant == null) {
            return denied(ProblemType.NOT_FOUND, "There is no network " + networkParam + " that you belong to.", path);
        }
        boolean allowed = Arrays.stream(access.value()).anyMatch(role -> grant.has(role)
                && (role != NetworkRole.PARTNER || access.scopes().length == 0
                || Arrays.stream(access.scopes()).anyMatch(grant.scopes()::contains)));
        if (!allowed) {
            return denied(ProblemType.FORBIDDEN, "This operation is for " + describe(access) + ".", path);
        }
        return null;
    }

    static String describe(Access access) {
        StringBuilder who = new StringBuilder();
        for (NetworkRole role : access.value()) {
            if (!who.isEmpty()) {
                who.append(", ");
            }
            who.append(role.claimValue()).append("s");
            if (role == NetworkRole.PARTNER && access.scopes().length > 0) {
                who.append(" with scope ").append(String.join(" or ", access.scopes()));
            }
        }
        if (access.admin()) {
            who.append(who.isEmpty() ? "" : ", ").append("the platform administrator");
        }
        return who.toString();
    }

    private static Response unauthenticated(String path) {
        ProblemType type = ProblemType.UNAUTHENTICATED;
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem(type.uri(), type.title(), 401,
                        "Send a valid, unexpired bearer token in the Authorization header.", path, null, null, null))
                .build();
    }

    private static Response denied(ProblemType type, String detail, String path) {
        return ProblemMappers.respond(new Problem(type.uri(), type.title(), type.status(), detail, path, null, null, null));
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
