package dev.cohesion.events.metrics;

import java.time.Instant;
import java.util.UUID;

/** The network's health score or circle direction changed. Rates are shares between 0 and 1. */
public record NetworkHealthChanged(UUID networkId, int score, Circle circle, double activeRatio,
                                   double purposeAlignment, double normBookAcknowledgement, Instant computedAt) {
}
