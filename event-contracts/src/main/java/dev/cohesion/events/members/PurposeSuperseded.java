package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

public record PurposeSuperseded(UUID networkId, UUID purposeId, UUID supersededBy, Instant supersededAt) {
}
