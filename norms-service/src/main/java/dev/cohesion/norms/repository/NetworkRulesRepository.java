package dev.cohesion.norms.repository;

import dev.cohesion.norms.domain.NetworkRules;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class NetworkRulesRepository implements PanacheRepositoryBase<NetworkRules, UUID> {

    /**
     * Networks asking for a periodic re-acknowledgement whose current norm-book version is old enough for one (months
     * counted in UTC, as {@code NormBook.renewalDue} counts them).
     */
    private static final String DUE_FOR_RENEWAL = """
            select n.id from network n
            join lateral (select b.published_at from norm_book b where b.network_id = n.id
                          order by b.version desc limit 1) book on true
            where n.reacknowledge_months is not null
              and (book.published_at at time zone 'UTC' + make_interval(months => n.reacknowledge_months)) at time zone 'UTC' <= :now
            order by n.id""";

    public Uni<List<UUID>> dueForRenewal(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery(DUE_FOR_RENEWAL, UUID.class).setParameter("now", now)
                .setMaxResults(limit).getResultList());
    }

    /** The network's row, locked until the caller's transaction ends. */
    public Uni<NetworkRules> locked(UUID networkId) {
        return findById(networkId, LockModeType.PESSIMISTIC_WRITE);
    }
}
