package dev.cohesion.norms.service;

import dev.cohesion.norms.repository.NormRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Transparency figures per norm: reports, upheld share, median time to resolve, appeals and the share overturned,
 * and how many active members acknowledged the current norm book.
 */
@ApplicationScoped
public class NormFigures {

    @Schema(name = "NormFigures")
    public record Figures(UUID normId, @Schema(example = "N-03") String code, @Schema(example = "5") long reports,
                          @Schema(example = "3") long upheld, @Schema(example = "1") long dismissed,
                          @Schema(description = "Upheld share of the decided cases", example = "0.75") Double upheldShare,
                          @Schema(description = "Median days from report to decision", example = "4.5") Double medianDaysToResolve,
                          @Schema(example = "2") long appealsDecided, @Schema(example = "1") long appealsUpheld,
                          @Schema(description = "Share of decided appeals that overturned the sanction", example = "0.5") Double overturnShare,
                          @Schema(description = "Share of active members who acknowledged the current norm book", example = "0.82")
                          double acknowledgementCoverage) {
    }

    private static final String CASES = """
            select cast(n.id as text), n.code,
                   count(c.id),
                   count(c.id) filter (where c.status = 'UPHELD'),
                   count(c.id) filter (where c.status = 'DISMISSED'),
                   percentile_cont(0.5) within group (order by extract(epoch from c.decided_at - c.opened_at) / 86400.0)
                       filter (where c.decided_at is not null)
            from norm n left join breach_case c on c.norm_id = n.id
            where n.network_id = :network
            group by n.id, n.code order by n.code""";

    private static final String APPEALS = """
            select cast(c.norm_id as text), count(a.id) filter (where a.status <> 'OPEN'), count(a.id) filter (where a.status = 'UPHELD')
            from appeal a join sanction s on s.id = a.sanction_id join breach_case c on c.id = s.case_id
            where a.network_id = :network group by c.norm_id""";

    private static final String COVERAGE = """
            select count(*) filter (where exists (select 1 from acknowledgement a where a.network_id = m.network_id
                       and a.member_id = m.id and a.book_version = (select max(version) from norm_book b where b.network_id = :network))),
                   count(*)
            from member m where m.network_id = :network and m.status = 'ACTIVE'""";

    private final NormRepository norms;

    NormFigures(NormRepository norms) {
        this.norms = norms;
    }

    @WithSession
    public Uni<List<Figures>> forNetwork(UUID networkId) {
        return norms.getSession().chain(s -> s.createNativeQuery(CASES, Object[].class).setParameter("network", networkId)
                .getResultList().chain(cases -> s.createNativeQuery(APPEALS, Object[].class).setParameter("network", networkId)
                        .getResultList().chain(appeals -> s.createNativeQuery(COVERAGE, Object[].class)
                                .setParameter("network", networkId).getSingleResult().map(coverage -> {
                                    Map<String, long[]> appealsByNorm = new HashMap<>();
                                    appeals.forEach(r -> appealsByNorm.put((String) r[0],
                                            new long[] {number(r[1]).longValue(), number(r[2]).longValue()}));
                                    long active = number(coverage[1]).longValue();
                                    double ack = active == 0 ? 0 : round(number(coverage[0]).doubleValue() / active);
                                    return cases.stream().map(r -> {
                                        long upheld = number(r[3]).longValue();
                                        long dismissed = number(r[4]).longValue();
                                        long[] a = appealsByNorm.getOrDefault((String) r[0], new long[2]);
                                        return new Figures(UUID.fromString((String) r[0]), (String) r[1], number(r[2]).longValue(),
                                                upheld, dismissed, upheld + dismissed == 0 ? null : round((double) upheld / (upheld + dismissed)),
                                                r[5] == null ? null : round(number(r[5]).doubleValue()), a[0], a[1],
                                                a[0] == 0 ? null : round((double) a[1] / a[0]), ack);
                                    }).toList();
                                }))));
    }

    private static Number number(Object o) {
        return o == null ? 0 : (Number) o;
    }

    private static double round(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }
}
