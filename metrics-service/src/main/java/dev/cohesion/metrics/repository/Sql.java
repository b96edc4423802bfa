package dev.cohesion.metrics.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Set-based SQL in the current reactive session (and transaction, when there is one). Parameters are named
 * ({@code :name}) and given as name/value pairs.
 */
public final class Sql {

    private Sql() {
    }

    public static Uni<Integer> update(String sql, Object... namedParameters) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql), namedParameters).executeUpdate());
    }

    /** Rows as the client returns them; read them by column name through the query's {@link Columns}. */
    public static Uni<List<Object[]>> rows(String sql, Object... namedParameters) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, Object[].class), namedParameters).getResultList());
    }

    public static <T> Uni<List<T>> column(String sql, Class<T> type, Object... namedParameters) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, type), namedParameters).getResultList());
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object[] namedParameters) {
        for (int i = 0; i < namedParameters.length; i += 2) {
            query.setParameter((String) namedParameters[i], namedParameters[i + 1]);
        }
        return query;
    }
}
