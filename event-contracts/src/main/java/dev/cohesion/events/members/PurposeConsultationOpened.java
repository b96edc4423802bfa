package dev.cohesion.events.members;

import java.time.Instant;
import java.util.UUID;

public record PurposeConsultationOpened(UUID networkId, UUID purposeId, int version, String statement,
                                        Instant opensAt, Instant closesAt) {
}
