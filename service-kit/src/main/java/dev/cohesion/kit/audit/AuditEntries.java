package dev.cohesion.kit.audit;

import dev.cohesion.kit.export.Exports;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Reads the audit log: pages, newest first, and the whole log as an export, oldest first; with the same filters. */
@ApplicationScoped
public class AuditEntries {

    /** The columns of a row, named as the API names them. */
    static final List<Exports.Column> COLUMNS = java.util.stream.Stream.concat(
            Exports.columns("id", "networkId", "at", "actorRole", "actorMemberId", "actorSubject", "action", "targetType",
                    "targetId").stream(), java.util.stream.Stream.of(Exports.Column.json("before"), Exports.Column.json("after"))).toList();

    private static final String SELECT = """
            select id, network_id as "networkId", at, actor_role as "actorRole", actor_member_id as "actorMemberId",
                   actor_subject as "actorSubject", action, target_type as "targetType", target_id as "targetId",
                   before_state as "before", after_state as "after"
            from audit_entry
            where ($1::uuid is null or network_id = $1) and ($2::uuid is null or actor_member_id = $2)
              and ($3::text is null or action = $3) and ($4::text is null or target_type = $4)
              and ($5::text is null or target_id = $5)
              and ($6::timestamptz is null or at >= $6) and ($7::timestamptz is null or at < $7)
            """;

    private final Pool pool;
    private final Exports exports;

    AuditEntries(Pool pool, Exports exports) {
        this.pool = pool;
        this.exports = exports;
    }

    /** What to list: {@code networkId} null for every network (the platform administrator's view). */
    public record Filter(UUID networkId, UUID actor, String action, String targetType, String targetId, Instant from,
                         Instant to) {

        Tuple tuple() {
            return Tuple.from(new Object[]{networkId, actor, action, targetType, targetId, time(from), time(to)});
        }

        private static OffsetDateTime time(Instant instant) {
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        }
    }

    /** One row, by column name. */
    public record Entry(UUID id, UUID networkId, Instant at, String actorRole, UUID actorMemberId, String actorSubject,
                       String action, String targetType, String targetId, String before, String after) {
        static Entry of(Row row) {
            return new Entry(row.getUUID("id"), row.getUUID("networkId"), row.getOffsetDateTime("at").toInstant(),
                    row.getString("actorRole"), row.getUUID("actorMemberId"), row.getString("actorSubject"),
                    row.getString("action"), row.getString("targetType"), row.getString("targetId"),
                    row.getString("before"), row.getString("after"));
        }
    }

    /** Up to {@code fetch} entries older than {@code before} (null: the newest), newest first. */
    public Uni<List<Entry>> page(Filter filter, UUID before, int fetch) {
        return pool.preparedQuery(SELECT + " and ($8::uuid is null or id < $8) order by id desc limit $9")
                .execute(filter.tuple().addUUID(before).addInteger(fetch))
                .map(rows -> {
                    List<Entry> list = new java.util.ArrayList<>();
                    rows.forEach(r -> list.add(Entry.of(r)));
                    return list;
                });
    }

    /** Every matching entry, oldest first, streamed. */
    public RestMulti<Buffer> export(Filter filter, Exports.Format format) {
        return exports.stream(format, "audit-log", COLUMNS, SELECT + " order by id", filter.tuple());
    }
}
