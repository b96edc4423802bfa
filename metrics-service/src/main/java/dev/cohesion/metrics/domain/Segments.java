package dev.cohesion.metrics.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A member's segment, first match wins:
 * <ol>
 * <li>DORMANT: no activity for {@code dormantAfterDays}, or a member for {@code newMemberDays} with none at all;</li>
 * <li>AT_RISK: sanctioned (not expunged) within 90 days, or the last 4 weeks' participation fell to less than half
 * of the 4 weeks before;</li>
 * <li>NEW: a member for less than {@code newMemberDays};</li>
 * <li>UNCOMMITTED: a member for 30 days or more who neither endorses the current purpose nor acknowledged the
 * current norm book (while the network has either);</li>
 * <li>CORE: active, regular (R ≥ 0.5) and with P at least the network's core participation;</li>
 * <li>ENGAGED: active (an activity within {@code activeWithinDays});</li>
 * <li>OCCASIONAL: everyone else.</li>
 * </ol>
 */
public final class Segments {

    public static final int SANCTION_RISK_DAYS = 90;
    public static final int UNCOMMITTED_AFTER_DAYS = 30;

    private Segments() {
    }

    /** What the rule looks at. */
    public record Facts(Instant joinedAt, Instant lastActivityAt, Instant lastSanctionAt, double recentWeight,
                        double previousWeight, Boolean endorsesPurpose, Boolean acknowledgedNormBook, double regularity,
                        double participation) {
    }

    /** The network's thresholds. */
    public record Thresholds(int activeWithinDays, int dormantAfterDays, int newMemberDays, double coreParticipation) {
    }

    public static boolean active(Instant lastActivityAt, Instant now, int activeWithinDays) {
        return lastActivityAt != null && !lastActivityAt.isBefore(now.minus(Duration.ofDays(activeWithinDays)));
    }

    public static boolean dormant(Facts f, Thresholds t, Instant now) {
        if (f.lastActivityAt() == null) {
            return !f.joinedAt().isAfter(now.minus(Duration.ofDays(t.newMemberDays())));
        }
        return f.lastActivityAt().isBefore(now.minus(Duration.ofDays(t.dormantAfterDays())));
    }

    public static Segment of(Facts f, Thresholds t, Instant now) {
        if (dormant(f, t, now)) {
            return Segment.DORMANT;
        }
        boolean sanctioned = f.lastSanctionAt() != null && f.lastSanctionAt().isAfter(now.minus(Duration.ofDays(SANCTION_RISK_DAYS)));
        boolean falling = f.previousWeight() > 0 && f.recentWeight() < 0.5 * f.previousWeight();
        if (sanctioned || falling) {
            return Segment.AT_RISK;
        }
        if (f.joinedAt().isAfter(now.minus(Duration.ofDays(t.newMemberDays())))) {
            return Segment.NEW;
        }
        boolean anything = f.endorsesPurpose() != null || f.acknowledgedNormBook() != null;
        if (anything && !Boolean.TRUE.equals(f.endorsesPurpose()) && !Boolean.TRUE.equals(f.acknowledgedNormBook())
                && !f.joinedAt().isAfter(now.minus(Duration.ofDays(UNCOMMITTED_AFTER_DAYS)))) {
            return Segment.UNCOMMITTED;
        }
        boolean active = active(f.lastActivityAt(), now, t.activeWithinDays());
        if (active && f.regularity() >= 0.5 && f.participation() >= t.coreParticipation()) {
            return Segment.CORE;
        }
        return active ? Segment.ENGAGED : Segment.OCCASIONAL;
    }
}
