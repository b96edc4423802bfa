package dev.cohesion.members.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.cohesion.events.members.Constituency;
import dev.cohesion.kit.api.paging.PageRequest;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.audit.AuditLog;
import dev.cohesion.kit.support.Ids;
import dev.cohesion.kit.support.InOrder;
import dev.cohesion.members.domain.InvitationImport;
import dev.cohesion.members.domain.InvitationImportRow;
import dev.cohesion.members.domain.InvitationImportRow.Result;
import dev.cohesion.members.domain.Member;
import dev.cohesion.members.rest.MemberDtos;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Bulk invitations (docs/bulk-invitations.md): an organiser uploads a CSV of up to {@value InvitationImport#MAX_ROWS}
 * people; the file is checked and stored at once, then invited a page of rows per transaction in the background, each
 * row getting its result. The same file uploaded again to the network is the same import: nobody is invited twice.
 */
@ApplicationScoped
public class InvitationImports {

    /** Rows invited per transaction. */
    static final int PAGE = 200;
    /** How long the rows keep the names and addresses once the import is done. */
    static final Duration KEEP_ROWS = Duration.ofDays(7);

    private static final CsvMapper CSV = new CsvMapper();
    private static final Set<String> COLUMNS = Set.of("displayName", "email", "organisation", "constituency", "interests");
    private static final List<String> REQUIRED = List.of("displayName", "email", "constituency");

    private final NetworkService networks;
    private final MembershipService membership;
    private final Validator validator;
    private final AuditLog audit;
    private final Clock clock;

    InvitationImports(NetworkService networks, MembershipService membership, Validator validator, AuditLog audit, Clock clock) {
        this.networks = networks;
        this.membership = membership;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    /** Checks and stores the file; the same file again answers the import it made before. */
    @WithTransaction
    public Uni<InvitationImport> upload(UUID networkId, UUID organiserId, String csv) {
        String sha = sha256(csv.replace("\r\n", "\n"));
        List<InvitationImportRow> rows = parse(csv);
        return networks.get(networkId)
                .chain(n -> InvitationImport.find("networkId = ?1 and contentSha256 = ?2", networkId, sha).<InvitationImport>firstResult())
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : create(networkId, organiserId, sha, rows)
                        .call(imp -> audit.record(networkId, "invitation-import.uploaded", "invitation-import", imp.id, null,
                                Map.of("rows", imp.total, "contentSha256", sha))));
    }

    private Uni<InvitationImport> create(UUID networkId, UUID organiserId, String sha, List<InvitationImportRow> rows) {
        InvitationImport imp = new InvitationImport();
        imp.id = Ids.next();
        imp.networkId = networkId;
        imp.contentSha256 = sha;
        imp.requestedBy = organiserId;
        imp.status = rows.isEmpty() ? InvitationImport.Status.DONE : InvitationImport.Status.RUNNING;
        imp.total = rows.size();
        imp.createdAt = clock.instant();
        imp.finishedAt = rows.isEmpty() ? imp.createdAt : null;
        rows.forEach(r -> r.importId = imp.id);
        return imp.persist().chain(() -> Panache.getSession()).chain(s -> s.persistAll(rows.toArray()))
                .chain(() -> Panache.getSession()).chain(s -> s.flush()).replaceWith(imp);
    }

    @WithSession
    public Uni<InvitationImport> get(UUID networkId, UUID importId) {
        return InvitationImport.find("id = ?1 and networkId = ?2", importId, networkId).<InvitationImport>firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("invitation import", importId));
    }

    /** The import's rows by line, optionally only those with one result; the cursor is a line number. */
    @WithSession
    public Uni<List<InvitationImportRow>> rows(UUID networkId, UUID importId, Result result, PageRequest page) {
        int after;
        try {
            after = page.after() == null ? 0 : Integer.parseInt(page.after());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
        return get(networkId, importId).chain(imp -> (result == null
                ? InvitationImportRow.find("importId = ?1 and line > ?2 order by line", importId, after)
                : InvitationImportRow.find("importId = ?1 and line > ?2 and result = ?3 order by line",
                importId, after, result)).page(0, page.fetch()).<InvitationImportRow>list());
    }

    /** Invites the next page of the oldest running import no other instance is working on; false when none was left. */
    @WithTransaction
    public Uni<Boolean> processNextPage() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select * from invitation_import where status = 'RUNNING' "
                        + "order by created_at limit 1 for update skip locked", InvitationImport.class).getSingleResultOrNull())
                .chain(imp -> imp == null ? Uni.createFrom().item(false) : InvitationImportRow.find(
                                "importId = ?1 and result is null order by line", imp.id).page(0, PAGE).<InvitationImportRow>list()
                        .chain(rows -> InOrder.each(rows, row -> invite(imp, row)).invoke(() -> {
                                if (rows.size() < PAGE) {
                                    imp.status = InvitationImport.Status.DONE;
                                    imp.finishedAt = clock.instant();
                                }
                            })).replaceWith(true));
    }

    /** Names and addresses leave the rows a week after their import finished; results and member ids stay. */
    @WithTransaction
    public Uni<Integer> forgetFinishedRows() {
        return Panache.getSession().chain(s -> s.createNativeQuery("update invitation_import_row r set display_name = null, "
                        + "email = null, organisation = null, interests = null from invitation_import i "
                        + "where i.id = r.import_id and i.finished_at < :before and r.email is not null")
                .setParameter("before", clock.instant().minus(KEEP_ROWS)).executeUpdate());
    }

    private Uni<Void> invite(InvitationImport imp, InvitationImportRow row) {
        String problem = problemWith(row);
        if (problem != null) {
            return Uni.createFrom().voidItem().invoke(() -> finish(imp, row, Result.INVALID, problem, null));
        }
        MemberDtos.Profile profile = profile(row);
        return Member.find("networkId = ?1 and lower(email) = ?2", imp.networkId, row.email.toLowerCase(Locale.ROOT))
                .<Member>firstResult().chain(existing -> existing != null
                        ? Uni.createFrom().voidItem().invoke(() -> finish(imp, row, Result.ALREADY_MEMBER,
                        "this address already has a membership or invitation (" + existing.status + ")", existing.id))
                        : membership.inviteIn(imp.networkId, profile).invoke(m -> finish(imp, row, Result.INVITED, null, m.id))
                        .replaceWithVoid());
    }

    private static void finish(InvitationImport imp, InvitationImportRow row, Result result, String reason, UUID memberId) {
        row.result = result;
        row.reason = reason;
        row.memberId = memberId;
        imp.count(result);
    }

    /** What makes the row unfit for an invitation, as the invitation form would say it; null: nothing. */
    private String problemWith(InvitationImportRow row) {
        if (row.email == null || row.email.isBlank()) {
            return "email: an invitation needs an address";
        }
        if (row.constituency == null || Arrays.stream(Constituency.values()).noneMatch(c -> c.name().equals(row.constituency))) {
            return "constituency: must be one of " + Arrays.toString(Constituency.values());
        }
        Set<ConstraintViolation<MemberDtos.Profile>> violations = validator.validate(profile(row));
        if (violations.isEmpty()) {
            return null;
        }
        Set<String> reasons = new TreeSet<>();
        violations.forEach(v -> reasons.add(v.getPropertyPath() + ": " + v.getMessage()));
        return String.join("; ", reasons);
    }

    private static MemberDtos.Profile profile(InvitationImportRow row) {
        List<String> interests = row.interests == null || row.interests.isBlank() ? List.of()
                : Arrays.stream(row.interests.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new MemberDtos.Profile(row.displayName, row.email.trim(), row.organisation, Constituency.valueOf(row.constituency),
                interests, List.of());
    }

    /** The file's rows, numbered from 2 (line 1 is the header); 400 for what is not such a file. */
    static List<InvitationImportRow> parse(String csv) {
        if (csv.isBlank()) {
            throw ProblemException.invalidField("file", "is empty: the first line names the columns "
                    + "(displayName,email,constituency, optionally organisation and interests)");
        }
        List<InvitationImportRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            it.hasNext(); // reads the header line into the parser's schema
            Set<String> columns = new TreeSet<>();
            ((CsvSchema) it.getParserSchema()).forEach(c -> columns.add(c.getName()));
            checkHeader(columns);
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> values = it.next();
                if (rows.size() == InvitationImport.MAX_ROWS) {
                    throw ProblemException.invalidField("file", "holds more than " + InvitationImport.MAX_ROWS + " rows: split it");
                }
                line++;
                InvitationImportRow row = new InvitationImportRow();
                row.line = line;
                row.displayName = blankToNull(values.get("displayName"));
                row.email = blankToNull(values.get("email"));
                row.organisation = blankToNull(values.get("organisation"));
                row.constituency = blankToNull(values.get("constituency"));
                row.interests = blankToNull(values.get("interests"));
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.invalidField("file", "is not a CSV file this import reads: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return rows;
    }

    private static void checkHeader(Set<String> columns) {
        List<String> unknown = columns.stream().filter(c -> !COLUMNS.contains(c)).sorted().toList();
        List<String> missing = REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw ProblemException.invalidField("file", "the first line names the columns displayName, email, constituency "
                    + "(and optionally organisation, interests)" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
