package dev.cohesion.norms.repository;

import dev.cohesion.norms.domain.NetworkRules;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class NetworkRulesRepository implements PanacheRepositoryBase<NetworkRules, UUID> {
}
