package dev.cohesion.kit.api.security;

import dev.cohesion.events.members.MemberStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

/**
 * Grants read from a service's tables with one indexed query per request, so that a removal, a suspension or a
 * revocation takes effect on the caller's next request: for a client-credentials token the partner registration
 * of its client ({@code partner}: network_id, issuer, client_id, scopes, revoked_at, the same in every service),
 * otherwise the member the caller signs in as, found by {@code memberQuery} ($1 network, $2 issuer, $3 subject;
 * columns id, status, organiser). Each service declares its subclass as its bean.
 */
public class SqlGrants implements AccessGrants {

    /**
     * The member in norms-service's and metrics-service's projections: who signs in as whom from the compacted
     * profiles topic ({@code member_identity}), status and organiser flag from the member events ({@code member}).
     */
    public static final String PROJECTED_MEMBER = "select m.id, m.status, m.organiser from member_identity i "
            + "join member m on m.id = i.member_id where i.network_id = $1 and i.issuer = $2 and i.subject = $3 and m.network_id = $1";

    private final Pool pool;
    private final String memberQuery;

    protected SqlGrants(Pool pool, String memberQuery) {
        this.pool = pool;
        this.memberQuery = memberQuery;
    }

    @Override
    public Uni<Optional<Caller.Grant>> grant(Identity caller, UUID networkId) {
        if (caller.clientId() != null) {
            return pool.preparedQuery("select scopes from partner where network_id = $1 and issuer = $2 and client_id = $3 "
                            + "and revoked_at is null")
                    .execute(Tuple.of(networkId, caller.issuer(), caller.clientId()))
                    .map(rows -> rows.size() == 0 ? Optional.empty()
                            : Optional.of(Caller.Grant.partner(rows.iterator().next().getArrayOfStrings("scopes"))));
        }
        return pool.preparedQuery(memberQuery)
                .execute(Tuple.of(networkId, caller.issuer(), caller.subject()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(Caller.Grant.member(r.getUUID("id"), MemberStatus.valueOf(r.getString("status")),
                            r.getBoolean("organiser")));
                });
    }
}
