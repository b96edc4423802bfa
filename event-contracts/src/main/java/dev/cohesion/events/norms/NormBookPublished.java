package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new norm-book version: the whole set of active norms. Members must acknowledge it anew. */
public record NormBookPublished(UUID networkId, int version, List<NormEntry> norms, Instant publishedAt) {
}
