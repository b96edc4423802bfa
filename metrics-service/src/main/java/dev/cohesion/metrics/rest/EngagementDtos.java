package dev.cohesion.metrics.rest;

import dev.cohesion.events.norms.SanctionRung;
import dev.cohesion.metrics.domain.MemberEngagement;
import dev.cohesion.metrics.domain.Segment;
import dev.cohesion.metrics.repository.EngagementInputs;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A member's engagement, every score with the parts it was made of (docs/engagement-model.md). */
public final class EngagementDtos {

    private EngagementDtos() {
    }

    @Schema(name = "MemberEngagement")
    public record View(UUID memberId, String displayName, String status, Segment segment,
                       @Schema(description = "An activity within the network's active window") boolean active,
                       Instant lastActivityAt, ParticipationPart participation, RegularityPart regularity,
                       CommitmentPart commitment, TrustPart trust) {

        public static View of(EngagementInputs.MemberRow row, MemberEngagement.Rules rules, MemberEngagement.Result r) {
            var in = row.inputs();
            var c = r.commitment();
            var t = r.trust();
            return new View(in.memberId(), row.displayName(), in.status(), r.segment(), r.active(), in.lastActivityAt(),
                    new ParticipationPart(round(r.participation()), rules.halfLifeDays(), in.recentWeight(), in.previousWeight()),
                    new RegularityPart(round(r.regularity()), in.activeWeeksOfLast12()),
                    new CommitmentPart(round(c.value()), c.endorsesPurpose(), c.acknowledgedNormBook(), round(c.regularity()),
                            Map.of("purpose", round(c.purposeWeight()), "normBook", round(c.normBookWeight()),
                                    "regularity", round(c.regularityWeight()))),
                    new TrustPart(round(t.value()), t.base(), round(t.tenureBonus()),
                            t.penalties().stream().map(p -> new Penalty(p.rung(), round(p.weight()), p.appliedAt())).toList(),
                            t.removed()));
        }
    }

    @Schema(name = "ParticipationPart", description = "P = Σ wᵢ·2^(−ageᵢ/H), brought forward to now.")
    public record ParticipationPart(@Schema(example = "12.4") double value, @Schema(example = "30") double halfLifeDays,
                                    @Schema(description = "Activity weight of the last 4 ISO weeks") double recent4Weeks,
                                    @Schema(description = "Activity weight of the 4 ISO weeks before") double previous4Weeks) {
    }

    @Schema(name = "RegularityPart", description = "R = distinct ISO weeks with activity among the last 12, over 12.")
    public record RegularityPart(@Schema(example = "0.5") double value, @Schema(example = "6") int activeWeeksOfLast12) {
    }

    @Schema(name = "CommitmentPart", description = "C = 0.4·endorses + 0.3·acknowledged + 0.3·R, renormalised over the parts that exist.")
    public record CommitmentPart(@Schema(example = "0.85") double value,
                                 @Schema(description = "Null while the network has no adopted purpose") Boolean endorsesPurpose,
                                 @Schema(description = "Null while the network has no norm book") Boolean acknowledgedNormBook,
                                 double regularity, Map<String, Double> weights) {
    }

    @Schema(name = "TrustPart", description = "T = clamp(0.7 + 0.3·min(1, tenure/365 d) − Σ penalty·2^(−age/180 d), 0, 1).")
    public record TrustPart(@Schema(example = "0.82") double value, double base, double tenureBonus, List<Penalty> penalties,
                            @Schema(description = "A permanent removal sets trust to 0") boolean removed) {
    }

    @Schema(name = "TrustPenalty")
    public record Penalty(SanctionRung rung, @Schema(description = "The penalty's weight now") double weight, Instant appliedAt) {
    }

    @Schema(name = "EngagementSettings", description = "How metrics-service weighs a network's activities.")
    public record Settings(@NotNull @DecimalMin("1") @DecimalMax("365") @Schema(example = "30") Double halfLifeDays,
                           @NotNull @DecimalMin("0") @DecimalMax("10000") @Schema(example = "10") Double coreParticipation,
                           @NotEmpty @Size(max = 50) @Schema(example = "{\"ATTENDED_EVENT\": 3, \"CONTRIBUTED\": 5, \"POSTED\": 1}")
                           Map<String, @NotNull @DecimalMin("0.01") @DecimalMax("100") Double> weights,
                           @Schema(description = "Also the ETag", readOnly = true) Long version) {

        public static Settings of(dev.cohesion.metrics.repository.EngagementInputs.NetworkFacts n) {
            try {
                Map<String, Double> weights = dev.cohesion.events.EventJson.MAPPER.readValue(n.weights(),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Double>>() { });
                return new Settings(n.rules().halfLifeDays(), n.rules().thresholds().coreParticipation(),
                        new java.util.TreeMap<>(weights), n.version());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored weights do not parse", e);
            }
        }
    }

    static double round(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }
}
