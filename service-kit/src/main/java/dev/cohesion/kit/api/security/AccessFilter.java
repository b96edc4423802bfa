package dev.cohesion.kit.api.security;

import dev.cohesion.kit.api.limits.RateLimiter;
import dev.cohesion.kit.api.limits.RequestLimits;
import dev.cohesion.kit.api.problem.Problem;
import dev.cohesion.kit.api.problem.ProblemMappers;
import dev.cohesion.kit.api.problem.ProblemType;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.Map;
import java.util.UUID;

/**
 * Enforces {@link Access} on every REST operation: verifies the bearer token (signature, issuer, audience, expiry),
 * counts the request against the verified caller's rate limit (a call with a bad token counts against its client
 * address), reads the caller's grant in the network of the path from the service's records ({@link AccessGrants}),
 * and decides.
 */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;
    private final RateLimiter limiter;
    private final AccessGrants grants;
    private final SecurityConfig config;

    AccessFilter(CurrentIdentityAssociation identities, CurrentCaller current, RateLimiter limiter, AccessGrants grants,
                 SecurityConfig config) {
        this.identities = identities;
        this.current = current;
        this.limiter = limiter;
        this.grants = grants;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        return identities.getDeferredIdentity().onItemOrFailure().transformToUni((identity, failure) -> {
            if (failure != null || identity == null || identity.isAnonymous()
                    || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                // a call without any token was counted by RequestLimits already
                Response limited = request.getHeaderString(HttpHeaders.AUTHORIZATION) == null ? null
                        : limit(RateLimiter.address(RequestLimits.address(http)), http, path);
                return Uni.createFrom().item(limited != null ? limited : unauthenticated(path));
            }
            Identity who = IdentityClaims.read(token, config);
            Response limited = limit(RateLimiter.caller(who.issuer(), who.subject()), http, path);
            if (limited != null) {
                return Uni.createFrom().item(limited);
            }
            UUID networkId = parse(request.getUriInfo().getPathParameters().getFirst("networkId"));
            Uni<Map<UUID, Caller.Grant>> grant = networkId == null ? Uni.createFrom().item(Map.of())
                    : grants.grant(who, networkId).map(g -> g.map(found -> Map.of(networkId, found)).orElse(Map.of()));
            return grant.map(found -> {
                Caller caller = new Caller(who, found);
                current.set(caller);
                return decide(method, caller, networkId, request, path);
            });
        });
    }

    private Response limit(String client, HttpServerRequest http, String path) {
        RateLimiter.Outcome outcome = limiter.take(client);
        outcome.headers(http.response()::putHeader);
        if (outcome.allowed()) {
            return null;
        }
        ProblemType type = ProblemType.RATE_LIMITED;
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(outcome.resetSeconds()))
                .entity(new Problem(type.uri(), type.title(), 429, outcome.detail(), path, null, null, null)).build();
    }

    private Response decide(Method method, Caller caller, UUID networkId, ContainerRequestContext request, String path) {
        Access access = method.getAnnotation(Access.class);
        if (access == null) {
            LOG.errorf("%s.%s has no @Access rule: refused", method.getDeclaringClass().getSimpleName(), method.getName());
            return denied(ProblemType.FORBIDDEN, "This operation has no access rule, so nobody may call it.", path);
        }
        if (access.anyone() || (access.admin() && caller.admin())) {
            return null;
        }
        if (access.value().length == 0) {
            return denied(ProblemType.FORBIDDEN, "Only the platform administrator may do this.", path);
        }
        Caller.Grant grant = networkId == null ? null : caller.grant(networkId).orElse(null);
        if (grant == null) {
            return denied(ProblemType.NOT_FOUND, "There is no network " + request.getUriInfo().getPathParameters()
                    .getFirst("networkId") + " that you belong to.", path);
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
            who.append(role.label()).append("s");
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
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
