package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.List;

/** The outcome of {@link PgSession#execute}: a command completion or a lazily read row set. */
public sealed interface PgResult extends AutoCloseable permits PgResult.Command, PgResult.Rows {
    /** A statement that returns no rows. */
    static Command command(String tag) {
        return new Command(tag);
    }

    /** Rows with nothing to release. */
    static Rows rows(List<PgColumn> columns, Iterator<Object[]> rows) {
        return new Rows(columns, rows, () -> {});
    }

    /**
     * Rows whose {@code onClose} runs once when they are exhausted, abandoned or the portal closes.
     */
    static Rows rows(List<PgColumn> columns, Iterator<Object[]> rows, Runnable onClose) {
        return new Rows(columns, rows, onClose);
    }

    @Override
    void close();

    /**
     * @param tag the CommandComplete tag, e.g. {@code CREATE TABLE}, {@code INSERT 0 1}, {@code
     *     BEGIN}
     */
    record Command(String tag) implements PgResult {
        public Command {
            requireNonNull(tag, "tag is null");
        }

        @Override
        public void close() {}
    }

    /**
     * Rows answered with the CommandComplete tag {@code <verb> n}, e.g. {@code FETCH 10} for a
     * cursor's rows.
     */
    static Rows rows(List<PgColumn> columns, Iterator<Object[]> rows, String verb) {
        return new Rows(columns, rows, () -> {}, verb);
    }

    /**
     * A row set read on demand, possibly over several Execute messages. Each row has one value per
     * column, {@code null} for SQL NULL. {@code rows.next()} and {@code rows.hasNext()} may block,
     * and may throw {@link PgException} (e.g. {@code 57014} after a cancel); an iterator that
     * blocks while rows trickle in implements {@link PgStreamingRows} so that the rows it already
     * gave reach the client first. The CommandComplete tag is {@code <verb> n}, {@code SELECT n}
     * unless said otherwise.
     */
    record Rows(List<PgColumn> columns, Iterator<Object[]> rows, Runnable onClose, String verb)
            implements PgResult {
        public Rows {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(rows, "rows is null");
            requireNonNull(onClose, "onClose is null");
            requireNonNull(verb, "verb is null");
        }

        /** Rows of a query, tagged {@code SELECT n}. */
        public Rows(List<PgColumn> columns, Iterator<Object[]> rows, Runnable onClose) {
            this(columns, rows, onClose, "SELECT");
        }

        /** The CommandComplete tag after {@code count} rows. */
        public String tag(long count) {
            return verb + " " + count;
        }

        @Override
        public void close() {
            onClose.run();
        }
    }
}
