package dev.cohesion.members.repository;

import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.members.domain.Network;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class NetworkRepository implements PanacheRepositoryBase<Network, UUID> {

    /** Networks among {@code ids} (all when null), in id order, from the page's cursor. */
    public Uni<List<Network>> page(Collection<UUID> ids, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (ids != null) {
            where.append(" and id in :ids");
            params.and("ids", ids.isEmpty() ? List.of(new UUID(0, 0)) : ids);
        }
        if (page.afterId() != null) {
            where.append(" and id > :after");
            params.and("after", page.afterId());
        }
        return find(where + " order by id", params).page(0, page.fetch()).list();
    }

    public Uni<Boolean> slugTaken(String slug) {
        return count("slug", slug).map(n -> n > 0);
    }
}
