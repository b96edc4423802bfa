package dev.cohesion.norms.repository;

import dev.cohesion.kit.export.Exports;
import dev.cohesion.norms.domain.CaseStatus;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;
import java.util.UUID;

/** norms-service's exports (docs/exports.md): acknowledgement status and cases, streamed. */
@ApplicationScoped
public class NormsExports {

    private static final List<Exports.Column> ACKNOWLEDGEMENTS = Exports.columns("memberId", "displayName", "bookVersion",
            "acknowledged", "acknowledgedAt", "lastAcknowledgedVersion");

    /** Every active member against the current norm book version, with the last version they acknowledged. */
    private static final String ACKNOWLEDGEMENTS_SQL = """
            with book as (select coalesce(max(version), 0) as version from norm_book where network_id = $1)
            select m.id as "memberId", coalesce(i.display_name, 'Erased member') as "displayName", book.version as "bookVersion",
                   a.acknowledged_at is not null as acknowledged, a.acknowledged_at as "acknowledgedAt",
                   (select max(l.book_version) from acknowledgement l
                    where l.network_id = m.network_id and l.member_id = m.id) as "lastAcknowledgedVersion"
            from member m cross join book
            left join member_identity i on i.member_id = m.id
            left join acknowledgement a on a.network_id = m.network_id and a.member_id = m.id and a.book_version = book.version
            where m.network_id = $1 and m.status = 'ACTIVE'
            order by m.id
            """;

    private static final List<Exports.Column> CASES = Exports.columns("id", "normCode", "normVersion", "subjectMemberId",
            "reporterMemberId", "description", "status", "reviewerMemberId", "decisionReason", "openedAt", "decidedAt");

    /** Every case, as organisers see it: never the reporter of a case about the caller ($2). */
    private static final String CASES_SQL = """
            select c.id, n.code as "normCode", c.norm_version as "normVersion", c.subject_member_id as "subjectMemberId",
                   case when c.subject_member_id = $2 then null else c.reporter_member_id end as "reporterMemberId",
                   c.description, c.status, c.reviewer_member_id as "reviewerMemberId", c.decision_reason as "decisionReason",
                   c.opened_at as "openedAt", c.decided_at as "decidedAt"
            from breach_case c join norm n on n.id = c.norm_id
            where c.network_id = $1 and ($3::text is null or c.status = $3)
            order by c.id
            """;

    private final Exports exports;

    NormsExports(Exports exports) {
        this.exports = exports;
    }

    public RestMulti<Buffer> acknowledgements(UUID networkId, Exports.Format format) {
        return exports.stream(format, "acknowledgements", ACKNOWLEDGEMENTS, ACKNOWLEDGEMENTS_SQL, Tuple.of(networkId));
    }

    public RestMulti<Buffer> cases(UUID networkId, UUID caller, CaseStatus status, Exports.Format format) {
        return exports.stream(format, "cases", CASES, CASES_SQL, Tuple.of(networkId, caller, status == null ? null : status.name()));
    }
}
