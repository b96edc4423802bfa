package dev.cohesion.metrics.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a network's health needs beyond its members' engagement ({@link EngagementInputs}): its recent cases and its
 * appeals, and its participation over the last eight weeks.
 */
@ApplicationScoped
public class HealthInputs {

    private static final Columns CASE = Columns.of("norm_id", "norm_code", "reported_at", "decided_at", "outcome");
    private static final Columns APPEAL = Columns.of("norm_id", "outcome");
    private static final Columns PARTICIPATION = Columns.of(
            "coalesce(sum(weight) filter (where week >= :w3), 0) as recent",
            "coalesce(sum(weight) filter (where week between :w7 and :w4), 0) as previous");

    /** A case as health sees it. */
    public record CaseFacts(UUID normId, String normCode, Instant reportedAt, Instant decidedAt, String outcome) {
    }

    /** An appeal as health sees it. */
    public record AppealFacts(UUID normId, String outcome) {
    }

    /** The network's participation weight of the last 4 ISO weeks and of the 4 before. */
    public record Participation(double recent4Weeks, double previous4Weeks) {
    }

    /** The cases reported or decided in the last 90 days, and those still open. */
    public Uni<List<CaseFacts>> cases(UUID networkId) {
        return Sql.rows("select " + CASE + """
                 from breach_case
                where network_id = :n and (decided_at is null or decided_at > now() - interval '90 days'
                    or reported_at > now() - interval '90 days')""", "n", networkId)
                .map(rows -> CASE.map(rows, r -> new CaseFacts(r.uuid("norm_id"), r.string("norm_code"), r.instant("reported_at"),
                        r.instant("decided_at"), r.string("outcome"))));
    }

    public Uni<List<AppealFacts>> appeals(UUID networkId) {
        return Sql.rows("select " + APPEAL + " from appeal where network_id = :n", "n", networkId)
                .map(rows -> APPEAL.map(rows, r -> new AppealFacts(r.uuid("norm_id"), r.string("outcome"))));
    }

    public Uni<Participation> participation(UUID networkId, Instant now) {
        LocalDate w = EngagementInputs.week(now);
        return Sql.rows("select " + PARTICIPATION + " from network_week where network_id = :n and week >= :w7",
                        "n", networkId, "w3", w.minusWeeks(3), "w7", w.minusWeeks(7), "w4", w.minusWeeks(4))
                .map(rows -> {
                    Columns.Row r = PARTICIPATION.row(rows.get(0));
                    return new Participation(r.number("recent"), r.number("previous"));
                });
    }
}
