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
 * is refused with 422; a key whose first request is still running gets 409. Keys are per caller and kept 24 h.
 * A request that failed with a 5xx leaves no record, so that its retry runs.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final Duration IN_PROGRESS_TAKEOVER = Duration.ofMinutes(1);

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
     * Runs {@code work} once per (caller, key): without a key it simply runs.
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
        return reserve(client, key, hash).chain(reserved -> reserved
                ? run(client, key, work)
                : existing(client, key, hash, operation, body, work));
    }

    private Uni<Response> run(String client, String key, Supplier<Uni<Response>> work) {
        return Uni.createFrom().<Response>deferred(work::get)
                .onFailure().call(failure -> release(client, key))
                .call(response -> response.getStatus() >= 500 ? release(client, key) : complete(client, key, response));
    }

    private Uni<Response> existing(String client, String key, String hash, String operation, Object body,
                                   Supplier<Uni<Response>> work) {
        return pool.preparedQuery("select request_hash, state, status, body, location, created_at, expires_at < now() as expired "
                        + "from idempotency_record where client = $1 and idempotency_key = $2")
                .execute(Tuple.of(client, key))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return once(key, operation, body, work);
                    }
                    Row row = rows.iterator().next();
                    if (row.getBoolean("expired")) {
                        return release(client, key).chain(() -> once(key, operation, body, work));
                    }
                    if (!hash.equals(row.getString("request_hash"))) {
                        throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "Idempotency-Key " + key + " was already used with a different request; use a new key.");
                    }
                    if ("PENDING".equals(row.getString("state"))) {
                        boolean stale = row.getOffsetDateTime("created_at").toInstant()
                                .plus(IN_PROGRESS_TAKEOVER).isBefore(java.time.Instant.now());
                        if (!stale) {
                            throw ProblemException.conflict("The first request with Idempotency-Key " + key
                                    + " is still being processed; retry in a moment.");
                        }
                        return release(client, key).chain(() -> once(key, operation, body, work));
                    }
                    Response.ResponseBuilder replay = Response.status(row.getInteger("status"))
                            .header(REPLAYED, "true");
                    if (row.getString("body") != null) {
                        replay.entity(row.getString("body")).type(MediaType.APPLICATION_JSON_TYPE);
                    }
                    if (row.getString("location") != null) {
                        replay.location(URI.create(row.getString("location")));
                    }
                    return Uni.createFrom().item(replay.build());
                });
    }

    private Uni<Boolean> reserve(String client, String key, String hash) {
        return pool.preparedQuery("insert into idempotency_record (client, idempotency_key, request_hash, state, expires_at) "
                        + "values ($1, $2, $3, 'PENDING', now() + make_interval(secs => $4)) on conflict do nothing")
                .execute(Tuple.of(client, key, hash, (double) retention.toSeconds()))
                .map(r -> r.rowCount() == 1);
    }

    private Uni<Void> complete(String client, String key, Response response) {
        String body;
        try {
            body = response.getEntity() == null ? null
                    : response.getEntity() instanceof String s ? s : json.writeValueAsString(response.getEntity());
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        return pool.preparedQuery("update idempotency_record set state = 'COMPLETED', status = $3, body = $4, location = $5 "
                        + "where client = $1 and idempotency_key = $2")
                .execute(Tuple.of(client, key, response.getStatus(), body, location)).replaceWithVoid();
    }

    private Uni<Void> release(String client, String key) {
        return pool.preparedQuery("delete from idempotency_record where client = $1 and idempotency_key = $2")
                .execute(Tuple.of(client, key)).replaceWithVoid();
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
