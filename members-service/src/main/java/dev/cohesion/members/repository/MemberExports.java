package dev.cohesion.members.repository;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.kit.export.Exports;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;
import java.util.UUID;

/** members-service's exports (docs/exports.md): the directory and the stances on a purpose, streamed. */
@ApplicationScoped
public class MemberExports {

    private static final List<Exports.Column> DIRECTORY = Exports.columns("id", "displayName", "email", "organisation",
            "constituency", "interests", "roles", "status", "statusReason", "joinedAt", "leftAt", "erased");

    /**
     * The directory as organisers see it; for a partner ($2) only active members and, of each, only the fields they
     * consented to share (the rule of the directory's pages, in SQL).
     */
    private static final String DIRECTORY_SQL = """
            select id,
                   case when not $2 or 'DISPLAY_NAME' = any(shared_with_partners) then display_name end as "displayName",
                   case when not $2 then email end as email,
                   case when not $2 or 'ORGANISATION' = any(shared_with_partners) then organisation end as organisation,
                   case when not $2 or 'CONSTITUENCY' = any(shared_with_partners) then constituency end as constituency,
                   case when not $2 or 'INTERESTS' = any(shared_with_partners) then interests::text[] end as interests,
                   case when $2 then null when organiser then array['MEMBER', 'ORGANISER'] else array['MEMBER'] end as roles,
                   status,
                   case when not $2 then status_reason end as "statusReason",
                   case when not $2 then joined_at end as "joinedAt",
                   case when not $2 then left_at end as "leftAt",
                   erased_at is not null as erased
            from member
            where network_id = $1 and (not $2 or status = 'ACTIVE')
              and ($3::text is null or status = $3) and ($4::text is null or constituency = $4)
            order by id
            """;

    private static final List<Exports.Column> STANCES = Exports.columns("memberId", "displayName", "stance", "reason", "recordedAt");

    private static final String STANCES_SQL = """
            select s.member_id as "memberId", m.display_name as "displayName", s.stance, s.reason, s.recorded_at as "recordedAt"
            from stance s join member m on m.id = s.member_id
            where s.network_id = $1 and s.purpose_id = $2
            order by s.member_id
            """;

    private final Exports exports;

    MemberExports(Exports exports) {
        this.exports = exports;
    }

    public RestMulti<Buffer> directory(UUID networkId, boolean partner, MemberStatus status, Constituency constituency,
                                       Exports.Format format) {
        return exports.stream(format, "directory", DIRECTORY, DIRECTORY_SQL, Tuple.of(networkId, partner,
                status == null ? null : status.name(), constituency == null ? null : constituency.name()));
    }

    /** Once {@code purpose} found the purpose in the network. */
    public RestMulti<Buffer> stances(Uni<?> purpose, UUID networkId, UUID purposeId, Exports.Format format) {
        return exports.stream(purpose, format, "stances", STANCES, STANCES_SQL, Tuple.of(networkId, purposeId));
    }
}
