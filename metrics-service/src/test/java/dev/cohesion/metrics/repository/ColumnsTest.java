package dev.cohesion.metrics.repository;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnsTest {

    private static final Columns MEMBER = Columns.of("m.id", "m.status", "coalesce(i.display_name, 'Erased member') as display_name",
            "count(*) filter (where week >= :w3) as recent", "m.left_at", "m.expunged");

    @Test
    void rows_are_read_by_the_alias_or_the_column_after_its_table() {
        UUID id = UUID.randomUUID();
        Instant left = Instant.parse("2026-11-30T10:00:00Z");
        Columns.Row r = MEMBER.row(new Object[] {id, "ACTIVE", "Ana", 3L, OffsetDateTime.ofInstant(left, ZoneOffset.ofHours(2)), true});
        assertEquals(id, r.uuid("id"));
        assertEquals("ACTIVE", r.string("status"));
        assertEquals("Ana", r.string("display_name"));
        assertEquals(3, r.integer("recent"));
        assertEquals(left, r.instant("left_at"));
        assertTrue(r.bool("expunged"));
        assertEquals("m.id, m.status, coalesce(i.display_name, 'Erased member') as display_name, "
                + "count(*) filter (where week >= :w3) as recent, m.left_at, m.expunged", MEMBER.toString());
    }

    @Test
    void nulls_read_as_null_or_as_zero_for_counts_and_sums() {
        Columns.Row r = MEMBER.row(new Object[] {null, null, null, null, null, null});
        assertNull(r.uuid("id"));
        assertNull(r.instant("left_at"));
        assertNull(r.optionalInteger("recent"));
        assertEquals(0, r.integer("recent"));
        assertEquals(0.0, r.number("recent"));
        assertFalse(r.bool("expunged"));
    }

    @Test
    void ids_cast_to_text_and_local_timestamps_read_alike() {
        UUID id = UUID.randomUUID();
        Columns c = Columns.of("cast(id as text) as id", "at");
        Columns.Row r = c.row(new Object[] {id.toString(), LocalDateTime.of(2026, 12, 3, 9, 0)});
        assertEquals(id, r.uuid("id"));
        assertEquals(Instant.parse("2026-12-03T09:00:00Z"), r.instant("at"));
    }

    @Test
    void a_table_alias_and_more_columns_keep_the_names() {
        Columns waiting = Columns.of("network_id", "type");
        Columns claimed = waiting.from("u").and("m.member_id");
        assertEquals("u.network_id, u.type, m.member_id", claimed.toString());
        List<String> read = claimed.map(List.<Object[]>of(new Object[] {null, "EVENT", null}), r -> r.string("type"));
        assertEquals(List.of("EVENT"), read);
    }

    @Test
    void an_unknown_name_an_unnamed_expression_or_a_name_twice_is_refused() {
        Columns.Row r = MEMBER.row(new Object[6]);
        assertThrows(IllegalArgumentException.class, () -> r.get("joined_at"));
        assertThrows(IllegalArgumentException.class, () -> Columns.of("count(*)"));
        assertThrows(IllegalArgumentException.class, () -> Columns.of("m.id", "s.id"));
    }
}
