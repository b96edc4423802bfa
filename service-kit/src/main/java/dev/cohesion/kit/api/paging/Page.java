package dev.cohesion.kit.api.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list, in a stable order; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items,
                      @Schema(description = "Pass as `cursor` to get the next page; absent on the last page",
                              example = "MDE5MGYwYzQtNWI3ZS03YzJhLTlkMWUtNGYyYTZiOGMwZDEx") String nextCursor) {

    /**
     * Builds the page from up to {@code limit + 1} rows fetched in order: the extra row only tells that there is
     * a next page, whose cursor is the key of the last row returned.
     */
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, String> key, Function<R, T> map) {
        boolean more = rows.size() > request.limit();
        List<R> shown = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? Cursor.encode(key.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(map).toList(), next);
    }
}
