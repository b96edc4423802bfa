package dev.cohesion.metrics.service;

import dev.cohesion.metrics.domain.CircleDirection;
import dev.cohesion.metrics.domain.Concentration;
import dev.cohesion.metrics.domain.HealthScore;
import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.NetworkHealth;
import dev.cohesion.metrics.domain.Reconsideration;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.domain.Trust;
import dev.cohesion.metrics.repository.EngagementInputs;
import dev.cohesion.metrics.repository.HealthInputs;
import dev.cohesion.metrics.repository.HealthInputs.AppealFacts;
import dev.cohesion.metrics.repository.HealthInputs.CaseFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Computes a network's health from its members' engagement and its cases; pure, so tested on its own (HealthCalculatorTest). */
public final class HealthCalculator {

    static final int BREACHES_FOR_REVIEW = 3;
    static final int BACKLOG_DAYS = 14;

    private HealthCalculator() {
    }

    /** A norm whose figures call for a review. */
    public record NormReview(UUID normId, String normCode, String reason, int breachesLast30Days, int appealsDecided,
                             int appealsUpheld) {
    }

    /** The health and the norms to review (also published as events). */
    public record Outcome(NetworkHealth health, List<NormReview> reviews) {
    }

    /**
     * The members' part of a network's health, added one member at a time, so that a large network is read in pages
     * and never held in memory whole.
     */
    public static final class Members {
        private final EngagementInputs.NetworkFacts network;
        private final Instant now;
        private final Instant then;
        private final Instant ninetyDaysAgo;
        private final Map<String, Integer> byStatus = new TreeMap<>();
        private final Map<String, Integer> bySegment = new LinkedHashMap<>();
        private final Map<String, Integer> sanctionsByRung = new TreeMap<>();
        private final List<Double> participation = new ArrayList<>();
        private final Map<String, Double> byOrganisation = new HashMap<>();
        private final List<Reconsideration.Asked> reconsiderations = new ArrayList<>();
        private int count;
        private int current;
        private int active;
        private int endorsing;
        private int acknowledged;
        private int cohort;
        private int retained;
        private int dormant;
        private double commitment;
        private double commitmentBefore;
        private double trust;
        private double trustBefore;

        public Members(EngagementInputs.NetworkFacts network, Instant now) {
            this.network = network;
            this.now = now;
            this.then = now.minus(Duration.ofDays(28));
            this.ninetyDaysAgo = now.minus(Duration.ofDays(90));
            for (Segment s : Segment.values()) {
                bySegment.put(s.name(), 0);
            }
        }

        public EngagementInputs.NetworkFacts network() {
            return network;
        }

        public Instant now() {
            return now;
        }

        public Members add(List<EngagementInputs.MemberRow> rows) {
            rows.forEach(this::add);
            return this;
        }

        public void add(EngagementInputs.MemberRow row) {
            count++;
            MemberEngagement.Inputs in = row.inputs();
            byStatus.merge(in.status(), 1, Integer::sum);
            in.sanctions().stream().filter(x -> !x.expunged() && x.appliedAt().isAfter(ninetyDaysAgo))
                    .forEach(x -> sanctionsByRung.merge(x.rung().name(), 1, Integer::sum));
            if (!MemberEngagement.since(in).isAfter(ninetyDaysAgo) && (row.leftAt() == null || row.leftAt().isAfter(ninetyDaysAgo))) {
                cohort++;
                if (row.leftAt() == null) {
                    retained++;
                }
            }
            // the members' rows carry a request only when it was about the current purpose
            if (row.reconsideration() != null) {
                reconsiderations.add(row.reconsideration());
            }
            if (!in.status().equals("ACTIVE") && !in.status().equals("SUSPENDED")) {
                return;
            }
            MemberEngagement.Result e = MemberEngagement.of(in, network.rules(), now);
            bySegment.merge(e.segment().name(), 1, Integer::sum);
            participation.add(e.participation());
            byOrganisation.merge(row.organisation() == null ? "(none)" : row.organisation(), e.participation(), Double::sum);
            if (!in.status().equals("ACTIVE")) {
                return;
            }
            current++;
            dormant += e.segment() == Segment.DORMANT ? 1 : 0;
            active += e.active() ? 1 : 0;
            endorsing += Boolean.TRUE.equals(in.endorsesPurpose()) ? 1 : 0;
            acknowledged += Boolean.TRUE.equals(in.acknowledgedNormBook()) ? 1 : 0;
            commitment += e.commitment().value();
            commitmentBefore += MemberEngagement.commitmentAsOf(in, then);
            trust += e.trust().value();
            trustBefore += Trust.of(MemberEngagement.since(in), in.sanctions(), then).value();
        }
    }

    public static Outcome compute(Members m, List<CaseFacts> cases, List<AppealFacts> appeals, HealthInputs.Participation recentWeeks) {
        EngagementInputs.NetworkFacts network = m.network;
        Instant now = m.now;
        int current = m.current;
        double participationRecent = recentWeeks.recent4Weeks();
        double participationPrevious = recentWeeks.previous4Weeks();
        Double activeRatio = current == 0 ? null : round((double) m.active / current);
        Double alignment = network.currentPurposeId() == null || current == 0 ? null : round((double) m.endorsing / current);
        Double ackRate = network.currentBookVersion() == null || current == 0 ? null : round((double) m.acknowledged / current);
        Double retention = m.cohort == 0 ? null : round((double) m.retained / m.cohort);
        NetworkHealth.Conduct conduct = conduct(cases, current, m.sanctionsByRung, now);
        Double top10 = Concentration.top10Share(m.participation);
        NetworkHealth.Spread concentration = new NetworkHealth.Spread(top10 == null ? null : round(top10),
                Concentration.organisationsForHalf(m.byOrganisation));

        double avgC = current == 0 ? 0 : m.commitment / current;
        double avgCBefore = current == 0 ? 0 : m.commitmentBefore / current;
        double avgT = current == 0 ? 0 : m.trust / current;
        double avgTBefore = current == 0 ? 0 : m.trustBefore / current;
        var pTrend = CircleDirection.participation(participationRecent, participationPrevious);
        var cTrend = CircleDirection.score(avgC, avgCBefore);
        var tTrend = CircleDirection.score(avgT, avgTBefore);
        NetworkHealth.Trends trends = new NetworkHealth.Trends(pTrend.name(), cTrend.name(), tTrend.name(), round(participationRecent),
                round(participationPrevious), round(avgC), round(avgCBefore), round(avgT), round(avgTBefore));

        HealthScore.Result score = HealthScore.of(activeRatio, alignment, ackRate, retention, top10,
                current == 0 ? null : conduct.breachesPer100ActiveMembersPer30Days());
        List<NormReview> reviews = reviews(cases, appeals, now);
        Reconsideration.Outcome reconsideration = Reconsideration.of(m.reconsiderations, now);
        List<NetworkHealth.Recommendation> recommendations = Recommendations.of(network, current, alignment, m.endorsing,
                current - m.endorsing, m.dormant, current - m.acknowledged, reviews, conduct.casesOpenOver14Days(), reconsideration);
        NetworkHealth health = new NetworkHealth(network.id(), now, score.score(), score.parts(), score.weights(),
                CircleDirection.of(pTrend, cTrend, tTrend), trends,
                new NetworkHealth.Size(m.count, m.byStatus, m.bySegment), activeRatio, alignment, reconsideration, ackRate, conduct,
                concentration, retention, recommendations);
        return new Outcome(health, reviews);
    }

    private static NetworkHealth.Conduct conduct(List<CaseFacts> cases, int activeMembers, Map<String, Integer> sanctionsByRung,
                                              Instant now) {
        Instant thirtyDaysAgo = now.minus(Duration.ofDays(30));
        Instant ninetyDaysAgo = now.minus(Duration.ofDays(90));
        Instant backlog = now.minus(Duration.ofDays(BACKLOG_DAYS));
        int recent = 0;
        int upheld = 0;
        int decided = 0;
        int open = 0;
        List<Double> days = new ArrayList<>();
        for (CaseFacts c : cases) {
            if (c.reportedAt().isAfter(thirtyDaysAgo)) {
                recent++;
            }
            if (c.decidedAt() == null) {
                open += c.reportedAt().isBefore(backlog) ? 1 : 0;
            } else if (c.decidedAt().isAfter(ninetyDaysAgo)) {
                decided++;
                upheld += "UPHELD".equals(c.outcome()) ? 1 : 0;
                days.add(Duration.between(c.reportedAt(), c.decidedAt()).toMinutes() / 1440.0);
            }
        }
        return new NetworkHealth.Conduct(activeMembers == 0 ? 0 : round(100.0 * recent / activeMembers),
                decided == 0 ? null : round((double) upheld / decided), median(days), sanctionsByRung, open);
    }

    /** Norms breached 3+ times in 30 days, or overturned on appeal more than half the time (2+ decided appeals). */
    private static List<NormReview> reviews(List<CaseFacts> cases, List<AppealFacts> appeals, Instant now) {
        Instant thirtyDaysAgo = now.minus(Duration.ofDays(30));
        Map<UUID, String> codes = new HashMap<>();
        Map<UUID, Integer> breaches = new HashMap<>();
        for (CaseFacts c : cases) {
            codes.put(c.normId(), c.normCode());
            if (c.reportedAt().isAfter(thirtyDaysAgo)) {
                breaches.merge(c.normId(), 1, Integer::sum);
            }
        }
        Map<UUID, int[]> appealCounts = new HashMap<>();
        for (AppealFacts a : appeals) {
            int[] n = appealCounts.computeIfAbsent(a.normId(), k -> new int[2]);
            n[0]++;
            n[1] += "UPHELD".equals(a.outcome()) ? 1 : 0;
        }
        List<NormReview> reviews = new ArrayList<>();
        for (UUID norm : codes.keySet()) {
            int b = breaches.getOrDefault(norm, 0);
            int[] a = appealCounts.getOrDefault(norm, new int[2]);
            if (b >= BREACHES_FOR_REVIEW) {
                reviews.add(new NormReview(norm, codes.get(norm), "BREACHED_OFTEN", b, a[0], a[1]));
            } else if (a[0] >= 2 && 2 * a[1] > a[0]) {
                reviews.add(new NormReview(norm, codes.get(norm), "OFTEN_OVERTURNED", b, a[0], a[1]));
            }
        }
        reviews.sort((x, y) -> x.normCode().compareTo(y.normCode()));
        return reviews;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compareTo);
        int n = sorted.size();
        return round(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    static double round(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }
}
