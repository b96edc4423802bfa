package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

public record PurposeRejected(UUID networkId, UUID purposeId, int version, Tally tally, RejectionReason reason,
                              Instant rejectedAt) {
}
