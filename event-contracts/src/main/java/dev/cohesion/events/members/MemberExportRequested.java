package dev.cohesion.events.members;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A member (or the platform administrator on their behalf) asked for a copy of their data: norms-service and
 * metrics-service each send their part to members-service, which assembles the document. Ids only.
 */
public record MemberExportRequested(UUID exportId, UUID networkId, UUID memberId, Instant requestedAt) {

    /**
     * How long members-service waits for the parts, which is also how long the exports topics keep them: a request
     * read later (a replay, a rebuild, a service that was away longer) is not answered, and its export has expired.
     */
    public static final Duration ANSWERED_WITHIN = Duration.ofDays(1);

    /** Whether a service reading the request now should still send its part. */
    public boolean stillAwaited(Instant now) {
        return requestedAt.plus(ANSWERED_WITHIN).isAfter(now);
    }
}
