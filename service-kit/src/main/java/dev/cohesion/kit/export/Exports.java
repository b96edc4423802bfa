package dev.cohesion.kit.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.cohesion.kit.api.limits.LimitsConfig;
import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.kit.api.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Streams the rows of one query to the client as CSV or as a JSON array, without holding them: the rows come from
 * a PostgreSQL cursor ({@value #FETCH} at a time, in a read-only transaction of their own) only as fast as the
 * client reads the answer, so that an export of 100,000 members takes the memory of one batch. The caller checks
 * access and parameters before: once the first bytes are sent, a failure can only cut the answer short (the
 * client sees an incomplete chunked body, never a complete-looking file). Each export holds a connection: at most
 * {@link LimitsConfig#exportsAtOnce()} run at once on an instance (beyond: 429), and one whose client stops
 * reading for {@link LimitsConfig#exportIdle()} is ended by PostgreSQL (idle in transaction), its connection freed.
 */
@ApplicationScoped
public class Exports {

    public static final String CSV = "text/csv";
    static final int FETCH = 500;

    /** Quotes only the cells that need it (by default Jackson quotes every text longer than 24 characters). */
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final Pool pool;
    private final ObjectMapper json;
    private final LimitsConfig limits;
    private final AtomicInteger running = new AtomicInteger();

    Exports(Pool pool, ObjectMapper json, LimitsConfig limits) {
        this.pool = pool;
        this.json = json;
        this.limits = limits;
    }

    /** A column of an export: its name in the query, the CSV header and the JSON field; JSON columns hold JSON text. */
    public record Column(String name, boolean json) {
        public static Column of(String name) {
            return new Column(name, false);
        }

        public static Column json(String name) {
            return new Column(name, true);
        }
    }

    /** CSV when the client prefers {@code text/csv} to JSON, JSON otherwise. */
    public enum Format {
        CSV, JSON;

        public static Format of(HttpHeaders headers) {
            for (MediaType type : headers.getAcceptableMediaTypes()) { // most preferred first
                if (type.isWildcardType()) {
                    return JSON;
                }
                if (type.isCompatible(MediaType.valueOf(Exports.CSV))) {
                    return CSV;
                }
                if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                    return JSON;
                }
            }
            return JSON;
        }
    }

    /** The answer: the query's rows in the format, as a download named {@code name}.csv or .json. */
    public RestMulti<Buffer> stream(Format format, String name, List<Column> columns, String sql, Tuple args) {
        return stream(Uni.createFrom().voidItem(), format, name, columns, sql, args);
    }

    /**
     * The same, once {@code check} succeeded (the resource exists, the caller may see it): its failure is the
     * answer (a 404 problem, say), before any byte of the export.
     */
    public RestMulti<Buffer> stream(Uni<?> check, Format format, String name, List<Column> columns, String sql, Tuple args) {
        return stream(check, format, name, columns, rows(sql, args).map(row -> {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue(columns.get(i).name());
            }
            return values;
        }));
    }

    /**
     * Rows computed by the service (values in the columns' order), for an export that is not one query: the stream
     * must produce them on demand, a bounded batch at a time (as a keyset walk over pages does).
     */
    public RestMulti<Buffer> stream(Uni<?> check, Format format, String name, List<Column> columns, Multi<Object[]> rows) {
        if (running.incrementAndGet() > limits.exportsAtOnce()) {
            running.decrementAndGet();
            throw new ProblemException(ProblemType.RATE_LIMITED, limits.exportsAtOnce()
                    + " exports are streaming from this instance already; try again in a minute.");
        }
        Writer writer = format == Format.CSV ? new CsvWriter(columns) : new JsonWriter(columns);
        Multi<Buffer> body = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(writer::start),
                rows.group().intoLists().of(FETCH).map(writer::rows),
                Multi.createFrom().item(writer::end))
                .onTermination().invoke(running::decrementAndGet);
        Map<String, List<String>> headers = Map.of(
                "Content-Type", List.of(format == Format.CSV ? CSV + ";charset=UTF-8" : MediaType.APPLICATION_JSON),
                "Content-Disposition", List.of("attachment; filename=\"" + name + (format == Format.CSV ? ".csv" : ".json") + "\""));
        Uni<Boolean> checked = check.replaceWith(Boolean.TRUE).onTermination().invoke((ok, failure, cancelled) -> {
            if (failure != null || cancelled) {
                running.decrementAndGet(); // the body never runs
            }
        });
        return RestMulti.fromUniResponse(checked, ok -> body, ok -> headers);
    }

    /** Columns of plain values, by name. */
    public static List<Column> columns(String... names) {
        return Arrays.stream(names).map(Column::of).toList();
    }

    private Multi<Row> rows(String sql, Tuple args) {
        return Multi.createFrom().resourceFromUni(this::open, c -> c.connection().prepare(sql)
                        .onItem().transformToMulti(statement -> statement.createStream(FETCH, args).toMulti()))
                .withFinalizer((Function<Cursor, Uni<Void>>) Exports::close);
    }

    /**
     * A connection in a read-only transaction that PostgreSQL ends when the client stalls. Cancelled before the
     * connection came (the client went away while the pool was busy), the connection is closed when it comes.
     */
    private Uni<Cursor> open() {
        String settings = "set transaction read only; set local idle_in_transaction_session_timeout = '"
                + limits.exportIdle().toMillis() + "ms'";
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean gone = new AtomicBoolean();
            emitter.onTermination(() -> gone.set(true));
            pool.getConnection().chain(connection -> connection.begin()
                            .call(tx -> connection.query(settings).execute())
                            .map(tx -> new Cursor(connection, tx))
                            .onFailure().call(connection::close))
                    .subscribe().with(cursor -> {
                        if (gone.get()) {
                            close(cursor).subscribe().with(done -> { }, failure -> { });
                        } else {
                            emitter.complete(cursor);
                        }
                    }, emitter::fail);
        });
    }

    private static Uni<Void> close(Cursor c) {
        return c.tx().rollback().onFailure().recoverWithNull().eventually(() -> c.connection().close()).replaceWithVoid();
    }

    private record Cursor(SqlConnection connection, Transaction tx) {
    }

    private interface Writer {
        Buffer start();

        Buffer rows(List<Object[]> rows);

        Buffer end();
    }

    /**
     * RFC 4180 CSV with a header. A text cell that a spreadsheet would take for a formula (=, +, -, @, tab, carriage
     * return first) is prefixed with an apostrophe: exported names and reasons are members' text (CSV injection).
     */
    private static final class CsvWriter implements Writer {
        private final List<Column> columns;
        private final CsvSchema schema;

        CsvWriter(List<Column> columns) {
            this.columns = columns;
            CsvSchema.Builder builder = CsvSchema.builder();
            columns.forEach(c -> builder.addColumn(c.name()));
            this.schema = builder.build().withLineSeparator("\r\n");
        }

        public Buffer start() {
            List<Object[]> header = new ArrayList<>();
            header.add(columns.stream().map(Column::name).toArray());
            return write(header);
        }

        public Buffer rows(List<Object[]> rows) {
            List<Object[]> lines = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                Object[] cells = new Object[row.length];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cell(row[i]);
                }
                lines.add(cells);
            }
            return write(lines);
        }

        public Buffer end() {
            return Buffer.buffer();
        }

        private Buffer write(List<Object[]> lines) {
            try {
                return Buffer.buffer(CSV_MAPPER.writer(schema).writeValueAsBytes(lines));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String cell(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof OffsetDateTime time) {
                return time.toInstant().toString();
            }
            if (value instanceof Object[] array) {
                return defused(String.join(";", Arrays.stream(array).map(String::valueOf).toList()));
            }
            if (value instanceof Collection<?> list) {
                return defused(String.join(";", list.stream().map(String::valueOf).toList()));
            }
            return value instanceof String text ? defused(text) : value.toString();
        }

        private static String defused(String text) {
            return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        }
    }

    /** A JSON array of objects, one per row, the columns as fields (null fields left out). */
    private final class JsonWriter implements Writer {
        private final List<Column> columns;
        private boolean first = true;

        JsonWriter(List<Column> columns) {
            this.columns = columns;
        }

        public Buffer start() {
            return Buffer.buffer("[");
        }

        public Buffer rows(List<Object[]> rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
            try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
                for (Object[] row : rows) {
                    if (!first) {
                        generator.writeRaw(',');
                    }
                    first = false;
                    generator.writeStartObject();
                    for (int i = 0; i < row.length; i++) {
                        Column column = columns.get(i);
                        Object value = row[i];
                        if (value == null) {
                            continue;
                        }
                        generator.writeFieldName(column.name());
                        if (column.json()) {
                            generator.writeRawValue(value.toString());
                        } else if (value instanceof OffsetDateTime time) {
                            generator.writeString(time.toInstant().toString());
                        } else if (value instanceof LocalDate || value instanceof java.util.UUID) {
                            generator.writeString(value.toString());
                        } else {
                            json.writeValue(generator, value);
                        }
                    }
                    generator.writeEndObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Buffer.buffer(out.toByteArray());
        }

        public Buffer end() {
            return Buffer.buffer("]");
        }
    }
}
