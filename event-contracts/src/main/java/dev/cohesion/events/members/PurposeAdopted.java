package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

/** The network's current purpose; {@code supersedes} is the version it replaces, if any. */
public record PurposeAdopted(UUID networkId, UUID purposeId, int version, String statement, Tally tally,
                             UUID supersedes, Instant adoptedAt) {
}
