package dev.cohesion.members.service;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.support.Blocking;
import dev.cohesion.members.config.WebhooksConfig;
import dev.cohesion.members.domain.WebhookTarget;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a webhook target before it is stored and again before every attempt (a name may come to resolve
 * elsewhere): the URL's form, then every address its host resolves to (docs/partners.md).
 */
@ApplicationScoped
public class WebhookTargets {

    private final Set<String> localHosts;

    WebhookTargets(WebhooksConfig config) {
        this.localHosts = config.localTargets().map(hosts -> hosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** Whether the development setting exempts the URL's host from the address check. */
    private boolean local(URI uri) {
        return uri.getHost() != null && localHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * A subscription's URL, checked off the event loop (name resolution blocks) and handed back on the caller's
     * Vert.x context; fails with a validation problem (400) naming the field.
     */
    public Uni<URI> checked(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Uni.createFrom().failure(ProblemException.invalidField(field, "must be a URL"));
        }
        String problem = WebhookTarget.urlProblem(uri, local(uri)).orElse(null);
        if (problem != null) {
            return Uni.createFrom().failure(ProblemException.invalidField(field, "must be " + problem));
        }
        return Blocking.call(() -> {
            requirePublic(uri);
            return uri;
        }).onFailure(TargetRefused.class).transform(e -> ProblemException.invalidField(field, e.getMessage()));
    }

    /** Resolves the host (blocking: call it on a worker thread) and throws {@link TargetRefused} unless every address may be called. */
    public void requirePublic(URI uri) {
        if (local(uri)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new TargetRefused("must name a host that resolves (" + uri.getHost() + " does not)");
        }
        for (InetAddress address : addresses) {
            if (!WebhookTarget.publicAddress(address)) {
                throw new TargetRefused("must not point to a loopback, link-local, private or reserved address ("
                        + uri.getHost() + " is " + address.getHostAddress() + ")");
            }
        }
    }

    /** The target may not be called. */
    public static final class TargetRefused extends RuntimeException {
        TargetRefused(String message) {
            super(message, null, false, false);
        }
    }
}
