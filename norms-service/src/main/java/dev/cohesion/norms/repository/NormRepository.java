package dev.cohesion.norms.repository;

import dev.cohesion.norms.domain.Norm;
import dev.cohesion.norms.domain.NormBook;
import dev.cohesion.norms.domain.NormStatus;
import dev.cohesion.norms.domain.NormVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Norms, their text versions and the versions of the norm book. */
@ApplicationScoped
@WithSession
public class NormRepository implements PanacheRepositoryBase<Norm, UUID> {

    public Uni<Norm> inNetwork(UUID networkId, UUID normId) {
        return find("networkId = ?1 and id = ?2", networkId, normId).firstResult();
    }

    /** The codes of these norms, by id: one query for a page of cases. */
    public Uni<Map<UUID, String>> codes(Collection<UUID> normIds) {
        if (normIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", normIds).map(found -> found.stream().collect(Collectors.toMap(n -> n.id, n -> n.code)));
    }

    public Uni<List<Norm>> all(UUID networkId) {
        return list("networkId = ?1 order by code", networkId);
    }

    public Uni<List<Norm>> active(UUID networkId) {
        return list("networkId = ?1 and status = ?2 order by code", networkId, NormStatus.ACTIVE);
    }

    public Uni<Boolean> codeTaken(UUID networkId, String code) {
        return count("networkId = ?1 and code = ?2", networkId, code).map(n -> n > 0);
    }

    public Uni<NormVersion> version(UUID normId, int version) {
        return getSession().chain(s -> s.find(NormVersion.class, new NormVersion.Key(normId, version)));
    }

    public Uni<List<NormVersion>> versions(UUID normId) {
        return getSession().chain(s -> s.createSelectionQuery("from NormVersion where normId = :norm order by version",
                NormVersion.class).setParameter("norm", normId).getResultList());
    }

    public Uni<NormBook> currentBook(UUID networkId) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "from NormBook where networkId = :network order by version desc", NormBook.class)
                .setParameter("network", networkId).setMaxResults(1).getResultList())
                .map(books -> books.isEmpty() ? null : books.get(0));
    }

    public Uni<NormBook> book(UUID networkId, int version) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "from NormBook where networkId = :network and version = :version", NormBook.class)
                .setParameter("network", networkId).setParameter("version", version).getSingleResultOrNull());
    }
}
