package dev.cohesion.members.service;

import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.paging.Page;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.security.Caller;
import dev.cohesion.kit.api.security.NetworkRole;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.config.PartnerClientsConfig;
import dev.cohesion.members.domain.Partner;
import dev.cohesion.members.events.MemberEventPayloads;
import dev.cohesion.members.repository.PartnerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The partner registry: organisers register a partner organisation's client for their network with scopes, change
 * them, and revoke it; each change is an event, so that every service lets the partner in, or not, on its next call.
 * Where the deployment allows it ({@link PartnerClients}), registration creates the client at the identity provider
 * and hands out its secret once, rotation replaces the secret, and revocation disables the client.
 */
@ApplicationScoped
public class PartnerService {

    private static final Logger LOG = Logger.getLogger(PartnerService.class);

    /** A registration, with the client's credentials when this answer is the only one that shows them. */
    public record Registered(Partner partner, PartnerClients.Credentials credentials) {
    }

    private final PartnerRepository partners;
    private final NetworkService networks;
    private final PartnerClients clients;
    private final PartnerClientsConfig clientsConfig;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final String issuer;

    PartnerService(PartnerRepository partners, NetworkService networks, PartnerClients clients, PartnerClientsConfig clientsConfig,
                   Outbox outbox, AuditLog audit, Clock clock, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.partners = partners;
        this.networks = networks;
        this.clients = clients;
        this.clientsConfig = clientsConfig;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    /**
     * Registers a client made at the identity provider by hand (clientId given), or creates one there first and
     * registers it (clientId null). The provider's client comes first: if the registration then fails, the client is
     * deleted again, and one left behind by a crash grants nothing (no registration names it) until the sweep
     * deletes it.
     */
    public Uni<Registered> register(UUID networkId, UUID organiser, String name, String clientId, List<PartnerScope> scopes) {
        if (clientId != null) {
            return Panache.withTransaction(() -> networks.get(networkId).chain(n -> partners.current(networkId, issuer, clientId))
                    .chain(existing -> {
                        if (existing != null) {
                            throw ProblemException.conflict("The client " + clientId + " is already registered as partner " + existing.id
                                    + "; change its scopes there, or revoke it first.");
                        }
                        return persist(Ids.next(), networkId, organiser, name, clientId, false, scopes);
                    })).map(p -> new Registered(p, null));
        }
        if (!clients.enabled()) {
            return Uni.createFrom().failure(ProblemException.invalidField("clientId", "is required: this deployment does not create "
                    + "partners' clients at the identity provider, so name the client made there"));
        }
        UUID id = Ids.next();
        return networks.get(networkId)
                .chain(n -> clients.create(id, networkId, name, clock.instant()))
                .chain(credentials -> Panache.withTransaction(() -> persist(id, networkId, organiser, name, credentials.clientId(), true, scopes))
                        .map(p -> new Registered(p, credentials))
                        .onFailure().call(e -> clients.delete(credentials.clientId()).onFailure()
                                .invoke(d -> LOG.warnf("client %s is left at the identity provider, the sweep deletes it: %s",
                                        credentials.clientId(), d.getMessage()))
                                .onFailure().recoverWithNull()));
    }

    @WithTransaction
    public Uni<Partner> change(UUID networkId, UUID partnerId, String ifMatch, String name, List<PartnerScope> scopes) {
        return partner(networkId, partnerId).chain(p -> {
            ETags.require(ifMatch, p.version);
            requireInForce(p);
            Registration before = Registration.of(p);
            p.name = name;
            p.scopes = scopes.stream().distinct().map(Enum::name).toArray(String[]::new);
            return partners.flush().chain(() -> publishRegistration(p))
                    .call(() -> audit.record(networkId, "partner.changed", "partner", p.id, before, Registration.of(p)));
        });
    }

    /** Revokes the registration (every service refuses the client from its next call), then disables a created client. */
    public Uni<Partner> revoke(UUID networkId, UUID partnerId, UUID organiser) {
        return Panache.withTransaction(() -> partner(networkId, partnerId).chain(p -> {
            requireInForce(p);
            Registration before = Registration.of(p);
            p.revokedBy = organiser;
            p.revokedAt = clock.instant();
            return partners.flush().chain(() -> outbox.add(MembersEvents.PARTNER_REVOKED, networkId, MemberEventPayloads.subject(p),
                    MemberEventPayloads.revoked(p)))
                    .chain(() -> audit.record(networkId, "partner.revoked", "partner", p.id, before, Registration.of(p))).replaceWith(p);
        })).call(p -> p.clientProvisioned ? disableClient(p) : Uni.createFrom().voidItem());
    }

    /** A new secret for a client this service created; the previous one stops working at once. */
    public Uni<Registered> rotateSecret(UUID networkId, UUID partnerId) {
        return partner(networkId, partnerId).chain(p -> {
            requireInForce(p);
            if (!p.clientProvisioned) {
                throw ProblemException.conflict("The client " + p.clientId + " was made at the identity provider by hand; rotate its "
                        + "secret there.");
            }
            // the secret lives at the identity provider, outside any transaction of ours: the request is recorded
            // first (in the request's own context), then the new secret is made and handed back whatever follows
            return Panache.withTransaction(() -> audit.record(networkId, "partner.secret-rotation-requested", "partner", p.id,
                            null, Map.of("clientId", p.clientId)))
                    .chain(() -> clients.rotate(p.clientId))
                    .map(credentials -> new Registered(p, credentials));
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

    /**
     * The caller may act on the partner's own things (its secret, its webhooks): an organiser of the network, or the
     * partner itself. Any other partner of the network learns nothing (404).
     */
    @WithSession
    public Uni<Void> requireOrganiserOrSelf(Caller caller, UUID networkId, UUID partnerId) {
        if (caller.is(networkId, NetworkRole.ORGANISER)) {
            return Uni.createFrom().voidItem();
        }
        return partners.current(networkId, caller.identity().issuer(), caller.identity().clientId()).invoke(p -> {
            if (p == null || !p.id.equals(partnerId)) {
                throw ProblemException.notFound("partner", partnerId);
            }
        }).replaceWithVoid();
    }

    /**
     * Brings the identity provider in line with the registry: disables the clients of revoked partners that a failed
     * call left enabled, and deletes created clients that no registration names (a registration that failed half-way),
     * once they are older than {@link PartnerClientsConfig#orphanAge()}. Returns how many clients it changed.
     */
    public Uni<Integer> sweepClients() {
        if (!clients.enabled()) {
            return Uni.createFrom().item(0);
        }
        Uni<Integer> disabled = Panache.withSession(partners::revokedWithClientEnabled)
                .chain(revoked -> InOrder.each(revoked, this::disableClient).replaceWith(revoked.size()));
        return disabled.chain(n -> clients.provisioned().chain(all -> {
            List<PartnerClients.Provisioned> old = all.stream()
                    .filter(c -> c.createdAt().isBefore(clock.instant().minus(clientsConfig.orphanAge()))).toList();
            return Panache.withSession(() -> partners.existing(old.stream().map(PartnerClients.Provisioned::partnerId).toList()))
                    .chain(known -> {
                        List<PartnerClients.Provisioned> orphans = old.stream().filter(c -> !known.contains(c.partnerId())).toList();
                        return InOrder.each(orphans, c -> clients.delete(c.clientId())).replaceWith(n + orphans.size());
                    });
        }));
    }

    private Uni<Partner> persist(UUID id, UUID networkId, UUID organiser, String name, String clientId, boolean provisioned,
                                 List<PartnerScope> scopes) {
        Partner p = new Partner();
        p.id = id;
        p.networkId = networkId;
        p.name = name;
        p.issuer = issuer;
        p.clientId = clientId;
        p.clientProvisioned = provisioned;
        p.scopes = scopes.stream().distinct().map(Enum::name).toArray(String[]::new);
        p.registeredBy = organiser;
        p.registeredAt = clock.instant();
        return partners.persist(p).chain(() -> publishRegistration(p))
                .call(() -> audit.record(networkId, "partner.registered", "partner", p.id, null, Registration.of(p)));
    }

    /** What the audit log keeps of a registration. */
    public record Registration(String name, String clientId, List<String> scopes, Instant revokedAt) {
        static Registration of(Partner p) {
            return new Registration(p.name, p.clientId, List.of(p.scopes), p.revokedAt);
        }
    }

    /** Disables the created client and records it; a failure is logged and left to the sweep (access is already gone). */
    private Uni<Void> disableClient(Partner p) {
        return clients.disable(p.clientId)
                .chain(() -> Panache.withTransaction(() -> partners.clientDisabled(p.id, clock.instant())))
                .invoke(() -> p.clientDisabledAt = clock.instant())
                .onFailure().invoke(e -> LOG.warnf("client %s of revoked partner %s not disabled yet, the sweep retries: %s",
                        p.clientId, p.id, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
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
