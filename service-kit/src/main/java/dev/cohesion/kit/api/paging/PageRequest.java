package dev.cohesion.kit.api.paging;

import dev.cohesion.kit.api.problem.ProblemException;

import java.util.UUID;

/** {@code limit} (1 to 200, default 50) and the optional {@code cursor} of a list request. */
public record PageRequest(int limit, String after) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    /** Rows to fetch: one more than shown, to know whether a next page exists. */
    public int fetch() {
        return limit + 1;
    }

    /** The smallest UUID: lists ordered by id start after it when no cursor is given. */
    public static final UUID FIRST = new UUID(0, 0);

    /** The id to list after: the cursor's, or {@link #FIRST}. */
    public UUID afterIdOrFirst() {
        UUID id = afterId();
        return id == null ? FIRST : id;
    }

    /** The cursor as the UUID key it holds, for lists ordered by time-ordered ids. */
    public UUID afterId() {
        if (after == null) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
