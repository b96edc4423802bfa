package dev.cohesion.kit.api.paging;

import dev.cohesion.kit.api.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors: the sort key of the last item of a page, base64url-encoded. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor.length() > 200) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API gave out");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API gave out");
        }
    }
}
