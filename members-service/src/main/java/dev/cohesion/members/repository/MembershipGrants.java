package dev.cohesion.members.repository;

import dev.cohesion.kit.api.security.SqlGrants;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * What a caller may do in a network, from members-service's own records: the membership linked to the caller's
 * issuer and subject, or, for a client-credentials token, the partner registration of its client.
 */
@Singleton
public class MembershipGrants extends SqlGrants {

    MembershipGrants(Pool pool) {
        super(pool, "select id, status, organiser from member where network_id = $1 and user_issuer = $2 and user_id = $3");
    }
}
