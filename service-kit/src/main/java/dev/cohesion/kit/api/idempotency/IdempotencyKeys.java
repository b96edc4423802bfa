package dev.cohesion.kit.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import dev.cohesion.kit.api.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for POSTs that clients retry: the same key with the same body gets the first response
 * again (marked {@code Idempotency-Replayed: true}) without doing the work twice; the same key with another body
 * is refused with 422. Keys are per caller and kept 24 h.
 * <p>
 * The key's record is written in the same transaction as the work: the transaction first inserts the key (a second
 * request with the same key waits on that row until the first one ends), then does the work and stores its
 * response. So the work and its record commit together or not at all: an instance killed, or a database lost,
 * between the work and the record cannot leave work done without the response to replay. A request that failed,
 * or answered a 5xx, rolls back and leaves no record, so that its retry runs.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    /** A record left PENDING and committed can only come from an earlier version, which wrote the key first. */
    private static final Duration PENDING_TAKEOVER = Duration.ofMinutes(1);

    private final Pool pool;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final Duration retention;
    private final Vertx vertx;

    IdempotencyKeys(Pool pool, CurrentCaller caller, ObjectMapper json, Vertx vertx,
                    @ConfigProperty(name = "cohesion.idempotency.retention", defaultValue = "24h") Duration retention) {
        this.pool = pool;
        this.caller = caller;
        this.json = json;
        this.vertx = vertx;
        this.retention = retention;
        this.canonical = JsonMapper.builder().findAndAddModules()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> pool.query(
                "delete from idempotency_record where expires_at < now()").execute().subscribe().with(r -> { }, e -> { }));
    }

    /** Whose records these are: the caller's issuer and subject (a subject is unique only within its issuer). */
    public static String client(String issuer, String subject) {
        return issuer + " " + subject;
    }

    /**
     * Erasure: deletes, inside the caller's transaction, the records of requests the erased person made as
     * {@code client} (see {@link #client}; may be null) and every record whose stored response mentions one of
     * {@code mentions} (their member id, their e-mail address), so that no replay can return their personal data.
     */
    public static Uni<Void> forget(String client, List<String> mentions) {
        StringBuilder where = new StringBuilder("client = :client");
        for (int i = 0; i < mentions.size(); i++) {
            where.append(" or strpos(lower(body), :m").append(i).append(") > 0");
        }
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("delete from idempotency_record where " + where)
                    .setParameter("client", client == null ? "" : client);
            for (int i = 0; i < mentions.size(); i++) {
                query.setParameter("m" + i, mentions.get(i).toLowerCase(java.util.Locale.ROOT));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Runs {@code work} once per (caller, key): without a key it simply runs. With a key, {@code work} runs inside
     * the transaction that records the key, and any {@code @WithTransaction} it calls joins that transaction.
     *
     * @param operation names the operation, so that one key cannot replay another operation's response
     */
    public Uni<Response> once(String key, String operation, Object body, Supplier<Uni<Response>> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 200 characters");
        }
        String client = client(caller.get().issuer(), caller.get().subject());
        String hash = hash(operation, body);
        return Panache.withTransaction(() -> recorded(client, key, hash, work))
                .onFailure(Unavailable.class).recoverWithItem(failure -> ((Unavailable) failure).response);
    }

    private Uni<Response> recorded(String client, String key, String hash, Supplier<Uni<Response>> work) {
        return update("insert into idempotency_record (client, idempotency_key, request_hash, state, expires_at) "
                        + "values (?1, ?2, ?3, 'PENDING', now() + make_interval(secs => ?4)) on conflict do nothing",
                client, key, hash, (double) retention.toSeconds())
                .chain(inserted -> inserted == 1
                        ? Uni.createFrom().<Response>deferred(work::get).call(response -> complete(client, key, response))
                        : existing(client, key, hash, work));
    }

    /**
     * The key's committed record (the insert above waited for the transaction that wrote it): read by column name on
     * a connection of its own, which sees what that transaction committed.
     */
    private Uni<Response> existing(String client, String key, String hash, Supplier<Uni<Response>> work) {
        return pool.preparedQuery("select request_hash, state, status, body, location, expires_at < now() as expired, "
                        + "created_at + make_interval(secs => $3) < now() as abandoned "
                        + "from idempotency_record where client = $1 and idempotency_key = $2")
                .execute(Tuple.of(client, key, (double) PENDING_TAKEOVER.toSeconds()))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return recorded(client, key, hash, work); // expired and removed in between
                    }
                    Row row = rows.iterator().next();
                    boolean pending = "PENDING".equals(row.getString("state"));
                    if (row.getBoolean("expired") || pending && row.getBoolean("abandoned")) {
                        return update("delete from idempotency_record where client = ?1 and idempotency_key = ?2", client, key)
                                .chain(() -> recorded(client, key, hash, work));
                    }
                    if (!hash.equals(row.getString("request_hash"))) {
                        throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "Idempotency-Key " + key + " was already used with a different request; use a new key.");
                    }
                    if (pending) {
                        throw ProblemException.conflict("The first request with Idempotency-Key " + key
                                + " is still being processed; retry in a moment.");
                    }
                    Response.ResponseBuilder replay = Response.status(row.getInteger("status")).header(REPLAYED, "true");
                    if (row.getString("body") != null) {
                        replay.entity(row.getString("body")).type(MediaType.APPLICATION_JSON_TYPE);
                    }
                    if (row.getString("location") != null) {
                        replay.location(URI.create(row.getString("location")));
                    }
                    return Uni.createFrom().item(replay.build());
                });
    }

    /** Stores the response with the key; a 5xx is not stored but rolls the transaction back (see {@link Unavailable}). */
    private Uni<Void> complete(String client, String key, Response response) {
        if (response.getStatus() >= 500) {
            return Uni.createFrom().failure(new Unavailable(response));
        }
        String body;
        try {
            body = response.getEntity() == null ? null
                    : response.getEntity() instanceof String s ? s : json.writeValueAsString(response.getEntity());
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return update("update idempotency_record set state = 'COMPLETED', status = ?3, body = ?4, location = ?5 "
                        + "where client = ?1 and idempotency_key = ?2",
                client, key, response.getStatus(), body, response.getHeaderString(HttpHeaders.LOCATION)).replaceWithVoid();
    }

    private static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
    }

    /** A 5xx the work answered: carried out of the transaction so that it rolls back, then answered as it is. */
    private static final class Unavailable extends RuntimeException {
        private final transient Response response;

        Unavailable(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private String hash(String operation, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(canonical.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
