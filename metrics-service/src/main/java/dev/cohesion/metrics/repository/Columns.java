package dev.cohesion.metrics.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A query's select list whose rows are read by column name: {@code Columns.of("cast(m.id as text) as id", "m.status")}
 * names its columns {@code id} and {@code status} (the alias after the last {@code as}, else the part after the last
 * dot). The names are resolved to positions once, here; a row stays the array the database client returned (a whole
 * network is 100,000 rows: Hibernate's {@code Tuple} builds a map for each, which ran a 256 MB heap out).
 */
public final class Columns {

    private final String[] columns;
    private final String select;
    private final Map<String, Integer> positions = new HashMap<>();

    private Columns(String... columns) {
        this.columns = columns.clone();
        this.select = String.join(", ", columns);
        for (int i = 0; i < columns.length; i++) {
            String c = columns[i].trim();
            int as = c.toLowerCase(Locale.ROOT).lastIndexOf(" as ");
            boolean aliased = as >= 0 && !c.endsWith(")");
            if (!aliased && c.contains("(")) {
                throw new IllegalArgumentException("name the expression " + c + " with 'as'");
            }
            String name = aliased ? c.substring(as + 4).trim() : c.substring(c.lastIndexOf('.') + 1);
            if (positions.put(name, i) != null) {
                throw new IllegalArgumentException("two columns named " + name + " in " + select);
            }
        }
    }

    public static Columns of(String... columns) {
        return new Columns(columns);
    }

    /** The same plain columns, of the table aliased {@code alias} ({@code u.network_id}); names unchanged. */
    public Columns from(String alias) {
        return new Columns(Arrays.stream(columns).map(c -> alias + "." + c).toArray(String[]::new));
    }

    /** These columns and those. */
    public Columns and(Columns more) {
        return and(more.columns);
    }

    /** These columns and more. */
    public Columns and(String... more) {
        String[] all = Arrays.copyOf(columns, columns.length + more.length);
        System.arraycopy(more, 0, all, columns.length, more.length);
        return new Columns(all);
    }

    /** The select list, to be written after {@code select}. */
    @Override
    public String toString() {
        return select;
    }

    /** Each row read through {@code mapper}. */
    public <T> List<T> map(List<Object[]> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            mapped.add(mapper.apply(row(r)));
        }
        return mapped;
    }

    public Row row(Object[] values) {
        return new Row(values);
    }

    /** One row, read by column name. */
    public final class Row {

        private final Object[] values;

        private Row(Object[] values) {
            this.values = values;
        }

        public Object get(String column) {
            Integer at = positions.get(column);
            if (at == null) {
                throw new IllegalArgumentException("no column " + column + " in " + select);
            }
            return values[at];
        }

        public String string(String column) {
            Object o = get(column);
            return o == null ? null : o.toString();
        }

        /** A uuid column, or one cast to text; null when null. */
        public UUID uuid(String column) {
            Object o = get(column);
            return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
        }

        public Instant instant(String column) {
            return Columns.instant(get(column));
        }

        /** A number, 0 when null (sums and counts over nothing). */
        public double number(String column) {
            Object o = get(column);
            return o == null ? 0 : ((Number) o).doubleValue();
        }

        /** A whole number, 0 when null. */
        public int integer(String column) {
            Object o = get(column);
            return o == null ? 0 : ((Number) o).intValue();
        }

        public Integer optionalInteger(String column) {
            Object o = get(column);
            return o == null ? null : ((Number) o).intValue();
        }

        public long whole(String column) {
            Object o = get(column);
            return o == null ? 0 : ((Number) o).longValue();
        }

        public boolean bool(String column) {
            return Boolean.TRUE.equals(get(column));
        }
    }

    /** A timestamp as the PostgreSQL client returns it (whichever Java type), as an instant; null when null. */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
