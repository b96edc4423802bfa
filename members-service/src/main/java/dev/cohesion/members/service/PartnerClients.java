package dev.cohesion.members.service;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.support.Blocking;
import dev.cohesion.members.config.PartnerClientsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Partners' clients at the identity provider, through Keycloak's admin API (the Keycloak admin client library):
 * created at registration for client credentials only, with the audience the services require; the secret handed
 * out once and rotated on request; disabled when the partner is revoked. The partner registry stays the authority:
 * a client whose registration is missing or revoked can still get a token, and every service refuses it.
 */
@ApplicationScoped
public class PartnerClients {

    /** The client ids this service creates, and the only ones its sweep ever deletes. */
    public static final String PREFIX = "cohesion-partner-";
    private static final String PARTNER = "cohesion.partner";
    private static final String CREATED_AT = "cohesion.created-at";

    /** What a partner signs in with: shown once, in the answer that created or rotated it. */
    public record Credentials(String clientId, String clientSecret, String tokenUrl) {
    }

    /** A client this service created, as the sweep sees it. */
    public record Provisioned(String clientId, UUID partnerId, Instant createdAt) {
    }

    private final PartnerClientsConfig config;
    private final Set<String> audiences;
    private final String tokenUrl;
    private Keycloak keycloak;

    PartnerClients(PartnerClientsConfig config, @ConfigProperty(name = "mp.jwt.verify.audiences") Set<String> audiences,
                   @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.config = config;
        this.audiences = audiences;
        this.tokenUrl = issuer + "/protocol/openid-connect/token";
    }

    /** Whether this deployment creates partners' clients (an admin URL and a secret are configured). */
    public boolean enabled() {
        return config.adminUrl().filter(u -> !u.isBlank()).isPresent() && config.clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    public static String clientIdOf(UUID partnerId) {
        return PREFIX + partnerId;
    }

    /** Creates the partner's client and reads the secret the provider generated for it. */
    public Uni<Credentials> create(UUID partnerId, UUID networkId, String name, Instant at) {
        String clientId = clientIdOf(partnerId);
        return call("create the partner's client", () -> {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setName("Partner: " + name);
            client.setDescription("Created by Cohesion's members-service for partner " + partnerId + " of network " + networkId
                    + "; its registry decides what the client may do.");
            client.setEnabled(true);
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setAttributes(Map.of(PARTNER, partnerId.toString(), CREATED_AT, at.toString()));
            client.setProtocolMappers(audiences.stream().map(PartnerClients::audienceMapper).toList());
            try (Response created = realm().clients().create(client)) {
                if (created.getStatus() != 201) {
                    throw new WebApplicationException("creating client " + clientId + " answered " + created.getStatus(), created.getStatus());
                }
            }
            return new Credentials(clientId, client(clientId).orElseThrow().getSecret().getValue(), tokenUrl);
        });
    }

    /** A new secret for the client; the previous one stops working at once. */
    public Uni<Credentials> rotate(String clientId) {
        return call("rotate the partner's secret", () -> new Credentials(clientId,
                client(clientId).orElseThrow(() -> new WebApplicationException("no client " + clientId, 404)).generateNewSecret().getValue(),
                tokenUrl));
    }

    /** Disables the client, so that it gets no new token; a client that is gone already counts as disabled. */
    public Uni<Void> disable(String clientId) {
        return call("disable the partner's client", () -> {
            client(clientId).ifPresent(c -> {
                ClientRepresentation r = c.toRepresentation();
                if (Boolean.TRUE.equals(r.isEnabled())) {
                    r.setEnabled(false);
                    c.update(r);
                }
            });
            return null;
        });
    }

    public Uni<Void> delete(String clientId) {
        return call("delete the partner's client", () -> {
            client(clientId).ifPresent(ClientResource::remove);
            return null;
        });
    }

    /** Every client this service created (at most the first 1,000 the provider lists). */
    public Uni<List<Provisioned>> provisioned() {
        return call("list the partners' clients", () -> realm().clients().findAll(PREFIX, true, true, 0, 1000).stream()
                .filter(c -> c.getClientId().startsWith(PREFIX) && c.getAttributes() != null && c.getAttributes().get(PARTNER) != null)
                .map(c -> new Provisioned(c.getClientId(), UUID.fromString(c.getAttributes().get(PARTNER)),
                        Optional.ofNullable(c.getAttributes().get(CREATED_AT)).map(Instant::parse).orElse(Instant.EPOCH)))
                .toList());
    }

    private Optional<ClientResource> client(String clientId) {
        return realm().clients().findByClientId(clientId).stream().findFirst().map(c -> realm().clients().get(c.getId()));
    }

    private synchronized RealmResource realm() {
        if (keycloak == null) {
            keycloak = KeycloakBuilder.builder().serverUrl(config.adminUrl().orElseThrow()).realm(config.realm())
                    .grantType("client_credentials").clientId(config.clientId()).clientSecret(config.clientSecret().orElseThrow())
                    .build();
        }
        return keycloak.realm(config.realm());
    }

    /**
     * The admin client blocks: its calls run on a worker thread, bounded in time; a provider that refuses or does
     * not answer is a 503 for the caller, with nothing registered.
     */
    private <T> Uni<T> call(String what, Supplier<T> work) {
        if (!enabled()) {
            return Uni.createFrom().failure(ProblemException.conflict("This deployment no longer manages partners' clients at the "
                    + "identity provider; manage this client there by hand."));
        }
        return Blocking.call(work).ifNoItem().after(config.timeout()).failWith(() -> unavailable(what, "no answer in " + config.timeout()))
                .onFailure(e -> e instanceof WebApplicationException || e instanceof ProcessingException)
                .transform(e -> unavailable(what, e.getMessage()));
    }

    private static ProblemException unavailable(String what, String why) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The identity provider could not " + what + " (" + why
                + "); nothing was changed here, try again.");
    }

    private static ProtocolMapperRepresentation audienceMapper(String audience) {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName("audience " + audience);
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-audience-mapper");
        m.setConfig(Map.of("included.custom.audience", audience, "access.token.claim", "true", "id.token.claim", "false",
                "introspection.token.claim", "true"));
        return m;
    }

    @PreDestroy
    synchronized void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
