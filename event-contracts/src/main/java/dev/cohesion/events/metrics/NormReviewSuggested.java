package dev.cohesion.events.metrics;

import java.time.Instant;
import java.util.UUID;

/** A norm that should be reviewed or clarified, with the figures that triggered the suggestion. */
public record NormReviewSuggested(UUID networkId, UUID normId, String normCode, ReviewReason reason, int breachesLast30Days,
                                  int appealsDecided, int appealsUpheld, Instant suggestedAt) {
}
