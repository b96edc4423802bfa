package dev.cohesion.kit.support;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InOrderTest {

    @Test
    void a_long_list_of_actions_that_complete_at_once_runs_whole_and_in_order() {
        // a chain of chain(...) per item overflows the stack well below this size (about 20,000 here)
        List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        InOrder.each(items, i -> Uni.createFrom().item(() -> seen.add(i))).await().atMost(Duration.ofSeconds(30));
        assertThat(seen, equalTo(items));
    }

    @Test
    void the_first_failure_ends_the_run_and_is_its_outcome() {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> InOrder.each(List.of(1, 2, 3, 4), i -> {
            seen.add(i);
            return i == 2 ? Uni.createFrom().failure(new IllegalStateException("item " + i)) : Uni.createFrom().voidItem();
        }).await().atMost(Duration.ofSeconds(5)));
        assertThat(failure.getMessage(), equalTo("item 2"));
        assertThat(seen, equalTo(List.of(1, 2)));
    }
}
