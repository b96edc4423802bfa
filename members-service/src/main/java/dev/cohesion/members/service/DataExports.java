package dev.cohesion.members.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cohesion.events.EventJson;
import dev.cohesion.events.members.MemberExportRequested;
import dev.cohesion.events.members.MembersEvents;
import dev.cohesion.events.metrics.MetricsEvents;
import dev.cohesion.events.metrics.MetricsExportPart;
import dev.cohesion.events.norms.NormsEvents;
import dev.cohesion.events.norms.NormsExportPart;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.inbox.ConsumedEvent;
import dev.cohesion.kit.inbox.Inbox;
import dev.cohesion.kit.outbox.Outbox;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.members.domain.DataExport;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.StanceRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A member's own data, in one document (docs/privacy.md). A request is stored with {@code member-export-requested}
 * in one transaction; norms-service and metrics-service answer with their parts on their exports topics; the export
 * is complete when every part has arrived, and its document adds what this service holds. While one request is
 * pending, asking again returns it. Exports are deleted a week after the request and at the member's erasure.
 */
@ApplicationScoped
public class DataExports {

    private static final Logger LOG = Logger.getLogger(DataExports.class);

    private final MembershipService membership;
    private final Outbox outbox;
    private final Inbox inbox;
    private final AuditLog audit;
    private final Clock clock;

    DataExports(MembershipService membership, Outbox outbox, Inbox inbox, AuditLog audit, Clock clock) {
        this.membership = membership;
        this.outbox = outbox;
        this.inbox = inbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** The document: what each service holds about the member. */
    public record Document(Member member, List<StanceRecord> stances, NormsExportPart norms, MetricsExportPart metrics) {
    }

    @WithTransaction
    public Uni<DataExport> request(UUID networkId, UUID memberId) {
        Instant now = clock.instant();
        return membership.member(networkId, memberId)
                .chain(m -> DataExport.<DataExport>find("memberId = ?1 and completedAt is null and requestedAt > ?2",
                        m.id, now.minus(MemberExportRequested.ANSWERED_WITHIN)).<DataExport>firstResult())
                .chain(pending -> pending != null ? Uni.createFrom().<DataExport>item(pending) : create(networkId, memberId, now))
                // the member's own request is theirs; the administrator's is logged
                .call(x -> audit.record(networkId, "data-export.requested", "member", memberId, null, Map.of("export", x.id)));
    }

    private Uni<DataExport> create(UUID networkId, UUID memberId, Instant now) {
        DataExport x = new DataExport();
        x.id = Ids.next();
        x.networkId = networkId;
        x.memberId = memberId;
        x.requestedAt = now;
        return x.<DataExport>persist().chain(() -> outbox.add(MembersEvents.MEMBER_EXPORT_REQUESTED, networkId, subject(x),
                new MemberExportRequested(x.id, networkId, memberId, now))).replaceWith(x);
    }

    @WithSession
    public Uni<DataExport> get(UUID networkId, UUID memberId, UUID exportId) {
        return DataExport.<DataExport>find("id = ?1 and networkId = ?2 and memberId = ?3", exportId, networkId, memberId)
                .<DataExport>firstResult().onItem().ifNull().failWith(() -> ProblemException.notFound("export", exportId));
    }

    /** The complete export's document: this service's records now, and the parts as they arrived. */
    @WithSession
    public Uni<Document> document(DataExport x) {
        return membership.member(x.networkId, x.memberId)
                .chain(m -> StanceRecord.<StanceRecord>list("memberId = ?1 order by recordedAt", m.id)
                        .map(stances -> new Document(m, stances, read(x.normsPart, NormsExportPart.class),
                                read(x.metricsPart, MetricsExportPart.class))));
    }

    /**
     * A part from norms-service or metrics-service, in the consumer's transaction. A part for an export that no longer
     * exists (erased with the member, or expired) is not kept: it would bring back what the erasure removed. The two
     * parts arrive on two channels, possibly at once: one statement stores a part and completes the export if the
     * other is in, under the row's lock, and keeps the first copy of a part that comes twice (a replay, a rebuild).
     */
    public Uni<Void> partArrived(ConsumedEvent e) {
        boolean norms = e.is(NormsEvents.MEMBER_EXPORT_PART);
        NormsExportPart fromNorms = norms ? e.payload(NormsEvents.MEMBER_EXPORT_PART) : null;
        MetricsExportPart fromMetrics = norms ? null : e.payload(MetricsEvents.MEMBER_EXPORT_PART);
        UUID exportId = norms ? fromNorms.exportId() : fromMetrics.exportId();
        UUID networkId = norms ? fromNorms.networkId() : fromMetrics.networkId();
        UUID memberId = norms ? fromNorms.memberId() : fromMetrics.memberId();
        Instant now = clock.instant();
        return DataExport.<DataExport>findById(exportId).chain(x -> {
            if (x == null || x.status(now) == DataExport.Status.EXPIRED) {
                LOG.infof("%s part of export %s: the export is %s; not kept", e.type().producer(), exportId,
                        x == null ? "gone (erased or past its week)" : "expired");
                return Uni.createFrom().voidItem();
            }
            if (!x.networkId.equals(networkId) || !x.memberId.equals(memberId)) {
                return inbox.deadLetter(e, "export " + x.id + " is not member " + memberId + "'s in network " + networkId);
            }
            String part = norms ? "norms_part" : "metrics_part";
            String other = norms ? "metrics_part" : "norms_part";
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                            update data_export set %1$s = coalesce(%1$s, :content),
                                completed_at = case when completed_at is null and %2$s is not null then :now else completed_at end
                            where id = :id""".formatted(part, other))
                    .setParameter("content", json(norms ? fromNorms : fromMetrics)).setParameter("now", now)
                    .setParameter("id", exportId).executeUpdate()).replaceWithVoid();
        });
    }

    /** A tombstone for the member on an exports topic (their erasure): their exports go, if any are left. */
    public Uni<Void> forget(UUID memberId) {
        return DataExport.delete("memberId", memberId).replaceWithVoid();
    }

    /** Exports older than {@link DataExport#KEPT}, with their documents' parts. */
    @WithTransaction
    public Uni<Long> deleteExpired() {
        return DataExport.delete("requestedAt < ?1", clock.instant().minus(DataExport.KEPT));
    }

    private static String subject(DataExport x) {
        return "members/" + x.memberId + "/exports/" + x.id;
    }

    private static String json(Object payload) {
        try {
            return EventJson.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored export part no longer reads as " + type.getSimpleName(), e);
        }
    }
}
