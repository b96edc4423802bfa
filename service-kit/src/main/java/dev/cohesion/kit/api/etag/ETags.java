package dev.cohesion.kit.api.etag;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;

/**
 * Strong entity tags from a resource's version number. Updates of mutable resources require {@code If-Match}:
 * missing, 428; stale, 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the ETag you read in an If-Match header, so that you do not overwrite someone else's change.");
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim().replaceFirst("^W/", "");
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The resource changed since you read it (now " + current + "); read it again and retry.");
    }
}
