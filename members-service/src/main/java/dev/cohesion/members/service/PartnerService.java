package dev.cohesion.members.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.PartnerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The partner registry: organisers register a partner organisation's client for their network with scopes, change
 * them, and revoke it; each change is an event, so that every service lets the partner in, or not, on its next call.
 */
@ApplicationScoped
public class PartnerService {

    private final PartnerRepository partners;
    private final NetworkService networks;
    private final Outbox outbox;
    private final Clock clock;
    private final String issuer;

    PartnerService(PartnerRepository partners, NetworkService networks, Outbox outbox, Clock clock,
                   @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.partners = partners;
        this.networks = networks;
        this.outbox = outbox;
        this.clock = clock;
        this.issuer = issuer;
    }

    @WithTransaction
    public Uni<Partner> register(UUID networkId, UUID organiser, String name, String clientId, List<PartnerScope> scopes) {
        return networks.get(networkId).chain(n -> partners.current(networkId, issuer, clientId)).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("The client " + clientId + " is already registered as partner " + existing.id
                        + "; change its scopes there, or revoke it first.");
            }
            Partner p = new Partner();
            p.id = Ids.next();
            p.networkId = networkId;
            p.name = name;
            p.issuer = issuer;
            p.clientId = clientId;
            p.scopes = scopes.stream().distinct().map(Enum::name).toArray(String[]::new);
            p.registeredBy = organiser;
            p.registeredAt = clock.instant();
            return partners.persist(p).chain(() -> publishRegistration(p));
        });
    }

    @WithTransaction
    public Uni<Partner> change(UUID networkId, UUID partnerId, String ifMatch, String name, List<PartnerScope> scopes) {
        return partner(networkId, partnerId).chain(p -> {
            ETags.require(ifMatch, p.version);
            requireInForce(p);
            p.name = name;
            p.scopes = scopes.stream().distinct().map(Enum::name).toArray(String[]::new);
            return partners.flush().chain(() -> publishRegistration(p));
        });
    }

    @WithTransaction
    public Uni<Partner> revoke(UUID networkId, UUID partnerId, UUID organiser) {
        return partner(networkId, partnerId).chain(p -> {
            requireInForce(p);
            p.revokedBy = organiser;
            p.revokedAt = clock.instant();
            return partners.flush().chain(() -> outbox.add(MembersEvents.PARTNER_REVOKED, networkId, MemberEventPayloads.subject(p),
                    MemberEventPayloads.revoked(p))).replaceWith(p);
        });
    }

    @WithSession
    public Uni<Partner> partner(UUID networkId, UUID partnerId) {
        return partners.inNetwork(networkId, partnerId).onItem().ifNull().failWith(() -> ProblemException.notFound("partner", partnerId));
    }

    @WithSession
    public Uni<Page<Partner>> list(UUID networkId, PageRequest page) {
        return networks.get(networkId).chain(n -> partners.page(networkId, page))
                .map(rows -> Page.of(rows, page, p -> p.id.toString(), p -> p));
    }

    private Uni<Partner> publishRegistration(Partner p) {
        return outbox.add(MembersEvents.PARTNER_REGISTERED, p.networkId, MemberEventPayloads.subject(p), MemberEventPayloads.registered(p))
                .replaceWith(p);
    }

    private static void requireInForce(Partner p) {
        if (p.revoked()) {
            throw ProblemException.conflict("Partner " + p.id + " was revoked on " + p.revokedAt + "; register its client again.");
        }
    }
}
