package dev.cohesion.events.norms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new norm-book version: the whole set of active norms. Members must acknowledge it anew.
 *
 * @param renewal true when the version republishes the previous one's norms for the network's periodic
 *                re-acknowledgement; absent when the norms changed
 */
public record NormBookPublished(UUID networkId, int version, List<NormEntry> norms, Instant publishedAt, Boolean renewal) {

    public NormBookPublished(UUID networkId, int version, List<NormEntry> norms, Instant publishedAt) {
        this(networkId, version, norms, publishedAt, null);
    }
}
