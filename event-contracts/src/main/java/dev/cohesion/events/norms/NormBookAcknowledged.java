package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.UUID;

public record NormBookAcknowledged(UUID networkId, UUID memberId, int normBookVersion, Instant acknowledgedAt) {
}
