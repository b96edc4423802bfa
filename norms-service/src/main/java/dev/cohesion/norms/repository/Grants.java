package dev.cohesion.norms.repository;

import dev.cohesion.kit.api.security.SqlGrants;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** Who may do what here: decided from this service's projections of members-service's events, see {@link SqlGrants}. */
@Singleton
public class Grants extends SqlGrants {

    Grants(Pool pool) {
        super(pool, PROJECTED_MEMBER);
    }
}
