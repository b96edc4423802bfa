package dev.cohesion.members.rest;

import dev.cohesion.events.members.Constituency;
import dev.cohesion.events.members.MemberStatus;
import dev.cohesion.events.members.Stance;
import dev.cohesion.events.metrics.MetricsExportPart;
import dev.cohesion.events.norms.NormsExportPart;
import dev.cohesion.members.domain.DataExport;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.service.DataExports;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A member's own data export: its status while it is assembled, then the document (docs/privacy.md). */
public final class DataExportDtos {

    private DataExportDtos() {
    }

    @Schema(name = "DataExport")
    public record View(UUID id, UUID networkId, UUID memberId, DataExport.Status status, Instant requestedAt,
                       @Schema(description = "When the last part arrived") Instant completedAt,
                       @Schema(description = "When the export and its document are deleted") Instant expiresAt,
                       @Schema(description = "Once the status is COMPLETE") Document document) {

        static View of(DataExport x, Instant now, DataExports.Document document) {
            return new View(x.id, x.networkId, x.memberId, x.status(now), x.requestedAt, x.completedAt, x.expiresAt(),
                    document == null ? null : Document.of(document));
        }
    }

    @Schema(name = "DataExportDocument", description = "Everything the three services hold about the member, in this network.")
    public record Document(@Schema(description = "members-service: profile, membership, stances") MembersData members,
                           @Schema(description = "norms-service: acknowledgements, votes, proposals, cases, sanctions, "
                                   + "appeals; a case about the member never names its reporter") NormsExportPart norms,
                           @Schema(description = "metrics-service: engagement figures, weekly sums, activities") MetricsExportPart metrics) {

        static Document of(DataExports.Document d) {
            Member m = d.member();
            return new Document(new MembersData(
                    new Profile(m.displayName, m.email, m.organisation, m.constituency, list(m.interests), list(m.sharedWithPartners)),
                    new Membership(m.status, m.statusReason, m.statusNote, m.applicationNote, m.organiser, m.joinedAt,
                            m.leftAt, m.suspendedUntil, m.erasedAt),
                    d.stances().stream().map(s -> new StanceGiven(s.purposeId, s.stance, s.reason, s.recordedAt)).toList()),
                    d.norms(), d.metrics());
        }
    }

    @Schema(name = "MembersData")
    public record MembersData(Profile profile, Membership membership, List<StanceGiven> stances) {
    }

    @Schema(name = "ExportedProfile")
    public record Profile(String displayName, String email, String organisation, Constituency constituency,
                          List<String> interests, List<String> sharedWithPartners) {
    }

    @Schema(name = "ExportedMembership")
    public record Membership(MemberStatus status, String statusReason, String statusNote, String applicationNote,
                             boolean organiser, Instant joinedAt, Instant leftAt, Instant suspendedUntil, Instant erasedAt) {
    }

    @Schema(name = "ExportedStance")
    public record StanceGiven(UUID purposeId, Stance stance, String reason, Instant recordedAt) {
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
