package dev.cohesion.norms.service;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.kit.api.etag.ETags;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.norms.config.NormsConfig;
import dev.cohesion.norms.domain.NetworkRules;
import dev.cohesion.norms.repository.NetworkRulesRepository;
import dev.cohesion.norms.rest.SettingsDtos;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The networks norms-service knows (from members-service's events) and their norms settings. */
@ApplicationScoped
public class NetworkRulesService {

    private final NetworkRulesRepository networks;
    private final NormsConfig.Defaults defaults;

    private final AuditLog audit;

    NetworkRulesService(NetworkRulesRepository networks, NormsConfig config, AuditLog audit) {
        this.audit = audit;
        this.networks = networks;
        this.defaults = config.defaults();
    }

    @WithSession
    public Uni<NetworkRules> get(UUID networkId) {
        return networks.findById(networkId).onItem().ifNull().failWith(() -> ProblemException.notFound("network", networkId));
    }

    @WithTransaction
    public Uni<NetworkRules> update(UUID networkId, String ifMatch, SettingsDtos settings) {
        if (!settings.ladder().contains(SanctionRung.TEMPORARY_SUSPENSION) && settings.ladder().size() < 2) {
            throw ProblemException.invalidField("ladder", "needs at least two rungs");
        }
        for (int i = 1; i < settings.ladder().size(); i++) {
            if (settings.ladder().get(i).ordinal() <= settings.ladder().get(i - 1).ordinal()) {
                throw ProblemException.invalidField("ladder", "rungs go from the mildest to the gravest, each once");
            }
        }
        return get(networkId).chain(n -> {
            ETags.require(ifMatch, n.version);
            SettingsDtos before = SettingsDtos.of(n);
            n.ladder = settings.ladder().stream().map(Enum::name).toArray(String[]::new);
            n.suspensionDays = settings.suspensionDays().toArray(Integer[]::new);
            n.forgivenessDays = settings.forgivenessDays();
            n.appealWindowDays = settings.appealWindowDays();
            n.voteQuorum = settings.voteQuorum();
            n.voteThreshold = settings.voteThreshold();
            n.reacknowledgeMonths = settings.reacknowledgeMonths();
            return networks.flush().chain(() -> audit.record(networkId, "norms-settings.updated", "network", networkId, before,
                    SettingsDtos.of(n))).replaceWith(n);
        });
    }

    /**
     * A network seen for the first time (network-created), with the default settings; later events keep its name and
     * its retention of case text, which members-service's settings decide.
     */
    Uni<Void> upsert(UUID networkId, String name, int closedCaseTextMonths, Instant createdAt) {
        return networks.findById(networkId).chain(existing -> {
            if (existing != null) {
                existing.name = name;
                existing.closedCaseTextMonths = closedCaseTextMonths;
                return networks.flush();
            }
            NetworkRules n = new NetworkRules();
            n.id = networkId;
            n.name = name;
            n.closedCaseTextMonths = closedCaseTextMonths;
            n.ladder = defaults.ladder().toArray(String[]::new);
            n.suspensionDays = defaults.suspensionDays().toArray(Integer[]::new);
            n.forgivenessDays = defaults.forgivenessDays();
            n.appealWindowDays = defaults.appealWindowDays();
            n.voteQuorum = defaults.voteQuorum();
            n.voteThreshold = defaults.voteThreshold();
            n.createdAt = createdAt;
            return networks.persist(n).replaceWithVoid();
        });
    }
}
