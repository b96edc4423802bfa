package dev.cohesion.metrics.repository;

import dev.cohesion.events.members.PartnerLink;
import dev.cohesion.kit.support.InOrder;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Partners' identifiers for members, as members-service's profiles carry them, and the activities that named
 * nobody yet (tables partner_link, member_identity.email_match_key, unmatched_activity). Statements run in the
 * caller's session and transaction.
 */
public final class PartnerIdentifiers {

    private static final Columns BY_EXTERNAL_ID = Columns.of("external_id", "member_id");
    private static final Columns BY_EMAIL_KEY = Columns.of("email_match_key", "member_id");
    private static final Columns UNMATCHED = Columns.of("network_id", "idempotency_key", "partner_id", "external_id",
            "email_match_key", "type", "occurred_at", "weight", "source", "received_at");
    private static final Columns CLAIMED = UNMATCHED.from("u");
    private static final Columns MATCHED = CLAIMED.and("m.member_id");
    private static final Columns TOTALS = Columns.of("count(*) as waiting", "min(received_at) as oldest");

    /** An activity kept until a link names its member. */
    public record Unmatched(UUID networkId, String idempotencyKey, UUID partnerId, String externalId, String emailMatchKey,
                            String type, Instant occurredAt, Double weight, String source, Instant receivedAt) {
    }

    /** What is waiting for a partner: how many, since when, and the oldest few. */
    public record Report(long count, Instant oldestReceivedAt, List<Unmatched> sample) {
    }

    private PartnerIdentifiers() {
    }

    /** The partner registration in force of the client in the network, or null. */
    public static Uni<UUID> partnerOf(UUID networkId, String issuer, String clientId) {
        return Sql.column("select id from partner where network_id = :n and issuer = :i and client_id = :c and revoked_at is null",
                UUID.class, "n", networkId, "i", issuer, "c", clientId).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** The members the partner's identifiers are linked to, in the network. */
    public static Uni<Map<String, UUID>> byExternalId(UUID networkId, UUID partnerId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("select " + BY_EXTERNAL_ID + " from partner_link where partner_id = :p and network_id = :n "
                        + "and external_id in (:ids)", "p", partnerId, "n", networkId, "ids", List.copyOf(externalIds))
                .map(rows -> toMap(BY_EXTERNAL_ID, rows, "external_id"));
    }

    /** The members of the network who let partners match them by these e-mail keys. */
    public static Uni<Map<String, UUID>> byEmailKey(UUID networkId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows("select " + BY_EMAIL_KEY + " from member_identity where network_id = :n and email_match_key in (:keys)",
                "n", networkId, "keys", List.copyOf(keys)).map(rows -> toMap(BY_EMAIL_KEY, rows, "email_match_key"));
    }

    /** Keeps the activities; one whose idempotency key waits already is kept once. */
    public static Uni<Void> keep(List<Unmatched> activities) {
        return InOrder.each(activities, u -> Sql.update("""
                    insert into unmatched_activity (network_id, idempotency_key, partner_id, external_id, email_match_key, type,
                                                    occurred_at, weight, source, received_at)
                    values (:n, :key, :p, :external, :email, :type, :occurred, :weight, :source, :received)
                    on conflict do nothing""", "n", u.networkId(), "key", u.idempotencyKey(), "p", u.partnerId(),
                    "external", u.externalId(), "email", u.emailMatchKey(), "type", u.type(), "occurred", u.occurredAt(),
                    "weight", u.weight(), "source", u.source(), "received", u.receivedAt()));
    }

    /** The member's links become exactly these. */
    public static Uni<Void> replaceLinks(UUID networkId, UUID memberId, List<PartnerLink> links) {
        return Sql.update("delete from partner_link where member_id = :m", "m", memberId).chain(() -> InOrder.each(links, l -> Sql.update("""
                    insert into partner_link (partner_id, external_id, member_id, network_id) values (:p, :e, :m, :n)
                    on conflict (partner_id, external_id) do update set member_id = excluded.member_id, network_id = excluded.network_id""",
                    "p", l.partnerId(), "e", l.externalId(), "m", memberId, "n", networkId)));
    }

    /**
     * Takes the waiting activities that the member's links or e-mail key now match, received since {@code since}:
     * they are deleted here and returned, to be recorded for the member.
     */
    public static Uni<List<Unmatched>> claimMatched(UUID networkId, UUID memberId, String emailMatchKey, Instant since) {
        return Sql.rows("""
                delete from unmatched_activity u
                where u.network_id = :n and u.received_at >= :since
                  and (exists (select 1 from partner_link l where l.member_id = :m and l.partner_id = u.partner_id
                                                            and l.external_id = u.external_id)
                       or (cast(:email as text) is not null and u.email_match_key = cast(:email as text)))
                returning
                """ + CLAIMED, "n", networkId, "since", since, "m", memberId, "email", emailMatchKey)
                .map(rows -> CLAIMED.map(rows, PartnerIdentifiers::unmatched));
    }

    /** A waiting activity and the member a link or e-mail key now names. */
    public record Matched(Unmatched activity, UUID memberId) {
    }

    /**
     * Takes up to {@code limit} waiting activities, in any network, that a link or e-mail key names now (received since
     * {@code since}): deleted here and returned with their member. Concurrent callers take each row once.
     */
    public static Uni<List<Matched>> claimAnyMatched(Instant since, int limit) {
        return Sql.rows("""
                delete from unmatched_activity u
                using (select w.network_id, w.idempotency_key, coalesce(l.member_id, i.member_id) as member_id
                       from unmatched_activity w
                       left join partner_link l on l.partner_id = w.partner_id and l.external_id = w.external_id
                                               and l.network_id = w.network_id
                       left join member_identity i on i.network_id = w.network_id and i.email_match_key = w.email_match_key
                       where w.received_at >= :since and coalesce(l.member_id, i.member_id) is not null
                       limit :limit) m
                where u.network_id = m.network_id and u.idempotency_key = m.idempotency_key
                returning
                """ + MATCHED, "since", since, "limit", limit)
                .map(rows -> MATCHED.map(rows, r -> new Matched(unmatched(r), r.uuid("member_id"))));
    }

    /** The partner's waiting activities in the network (all partners' when {@code partnerId} is null). */
    public static Uni<Report> report(UUID networkId, UUID partnerId, int sample) {
        return Sql.rows("select " + TOTALS + """
                         from unmatched_activity
                        where network_id = :n and (cast(:p as uuid) is null or partner_id = cast(:p as uuid))""", "n", networkId, "p", partnerId)
                .chain(totals -> Sql.rows("select " + UNMATCHED + """
                                 from unmatched_activity
                                where network_id = :n and (cast(:p as uuid) is null or partner_id = cast(:p as uuid))
                                order by received_at, idempotency_key limit :limit""", "n", networkId, "p", partnerId, "limit", sample)
                        .map(rows -> new Report(TOTALS.row(totals.get(0)).whole("waiting"), TOTALS.row(totals.get(0)).instant("oldest"),
                                UNMATCHED.map(rows, PartnerIdentifiers::unmatched))));
    }

    /** Drops what waited longer than the window; returns how many. */
    public static Uni<Integer> expire(Instant receivedBefore) {
        return Sql.update("delete from unmatched_activity where received_at < :before", "before", receivedBefore);
    }

    private static Map<String, UUID> toMap(Columns columns, List<Object[]> rows, String keyColumn) {
        Map<String, UUID> map = new HashMap<>();
        for (Object[] values : rows) {
            Columns.Row r = columns.row(values);
            map.put(r.string(keyColumn), r.uuid("member_id"));
        }
        return map;
    }

    private static Unmatched unmatched(Columns.Row r) {
        return new Unmatched(r.uuid("network_id"), r.string("idempotency_key"), r.uuid("partner_id"), r.string("external_id"),
                r.string("email_match_key"), r.string("type"), r.instant("occurred_at"), r.get("weight") == null ? null : r.number("weight"),
                r.string("source"), r.instant("received_at"));
    }
}
