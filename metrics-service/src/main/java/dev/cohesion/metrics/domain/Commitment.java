package dev.cohesion.metrics.domain;

/**
 * Commitment C = 0.4·[endorses the current purpose] + 0.3·[acknowledged the current norm book] + 0.3·R, the
 * weights renormalised over the parts that exist while the network has no adopted purpose or no norm book.
 */
public final class Commitment {

    public static final double PURPOSE_WEIGHT = 0.4;
    public static final double NORM_BOOK_WEIGHT = 0.3;
    public static final double REGULARITY_WEIGHT = 0.3;

    private Commitment() {
    }

    /** The value and its parts; a part is null when it does not exist in the network yet. */
    public record Result(double value, Boolean endorsesPurpose, Boolean acknowledgedNormBook, double regularity,
                         double purposeWeight, double normBookWeight, double regularityWeight) {
    }

    public static Result of(Boolean endorsesPurpose, Boolean acknowledgedNormBook, double regularity) {
        double wP = endorsesPurpose == null ? 0 : PURPOSE_WEIGHT;
        double wB = acknowledgedNormBook == null ? 0 : NORM_BOOK_WEIGHT;
        double total = wP + wB + REGULARITY_WEIGHT;
        double value = (wP * bit(endorsesPurpose) + wB * bit(acknowledgedNormBook) + REGULARITY_WEIGHT * regularity) / total;
        return new Result(value, endorsesPurpose, acknowledgedNormBook, regularity, wP / total, wB / total,
                REGULARITY_WEIGHT / total);
    }

    /** Regularity R: distinct ISO weeks with activity among the last 12, over 12. */
    public static double regularity(int activeWeeksOfLast12) {
        return Math.min(12, Math.max(0, activeWeeksOfLast12)) / 12.0;
    }

    private static double bit(Boolean b) {
        return Boolean.TRUE.equals(b) ? 1 : 0;
    }
}
