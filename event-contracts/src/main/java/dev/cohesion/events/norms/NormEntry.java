package dev.cohesion.events.norms;

import java.util.UUID;

/** One active norm as it stands in a norm-book version. */
public record NormEntry(UUID normId, String code, String title, int normVersion, Severity severity, String category) {
}
