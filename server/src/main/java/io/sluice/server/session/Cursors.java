package io.sluice.server.session;

import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgException;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgSqlState;
import io.sluice.pgwire.PgStreamingRows;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL cursors of one session: {@code DECLARE name CURSOR FOR query}, {@code FETCH}, {@code
 * MOVE} and {@code CLOSE}. Cursors read forward only, over lake queries and previews alike; a
 * cursor over a preview waits for rows like the preview does. Cursors end with the transaction
 * block (COMMIT or ROLLBACK), on CLOSE, or with the session; declared outside a block, a cursor
 * lives until CLOSE.
 */
final class Cursors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cursors.class);
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final Pattern DECLARE =
            Pattern.compile(
                    "(?is)^\\s*DECLARE\\s+"
                            + NAME
                            + "\\s+(?:BINARY\\s+)?(?:(?:ASENSITIVE|INSENSITIVE)\\s+)?"
                            + "(NO\\s+SCROLL\\s+|SCROLL\\s+)?CURSOR\\s+"
                            + "(?:(WITH|WITHOUT)\\s+HOLD\\s+)?FOR\\s+(.+?)\\s*;?\\s*$");
    private static final Pattern FETCH =
            Pattern.compile(
                    "(?is)^\\s*(FETCH|MOVE)\\s+"
                        + "(?:(NEXT|ALL|FORWARD\\s+ALL|FORWARD\\s+\\+?\\d+|FORWARD|\\+?\\d+)\\s+)?"
                        + "(?:(?:FROM|IN)\\s+)?"
                            + NAME
                            + "\\s*;?\\s*$");
    private static final Pattern FETCH_START = Pattern.compile("(?is)^\\s*(FETCH|MOVE)\\b.*");
    private static final Pattern CLOSE =
            Pattern.compile("(?is)^\\s*CLOSE\\s+(ALL|" + NAME.substring(1) + "\\s*;?\\s*$");

    private final Map<String, PgResult.Rows> cursors = new LinkedHashMap<>();

    /**
     * Runs {@code sql} if it is a cursor statement.
     *
     * @param query runs a cursor's query
     * @return the result, or empty when {@code sql} is no cursor statement
     */
    Optional<PgResult> apply(String sql, Function<String, PgResult> query) {
        Matcher declare = DECLARE.matcher(sql);
        if (declare.matches()) {
            return Optional.of(declare(declare, query));
        }
        Matcher fetch = FETCH.matcher(sql);
        if (fetch.matches()) {
            return Optional.of(fetch(fetch));
        }
        if (FETCH_START.matcher(sql).matches()) {
            throw new PgException(
                    PgSqlState.FEATURE_NOT_SUPPORTED,
                    "cursors read forward only: FETCH [NEXT | ALL | FORWARD [n | ALL] | n]"
                            + " [FROM | IN] cursor");
        }
        Matcher close = CLOSE.matcher(sql);
        if (close.matches()) {
            if (close.group(1).equalsIgnoreCase("ALL")) {
                close();
            } else {
                PgResult.Rows cursor = cursors.remove(cursor(close.group(1)));
                if (cursor == null) {
                    throw notFound(close.group(1));
                }
                closeQuietly(cursor);
            }
            return Optional.of(PgResult.command("CLOSE CURSOR"));
        }
        return Optional.empty();
    }

    /**
     * The columns a FETCH statement returns, without moving its cursor; empty when {@code sql} is
     * no FETCH of an open cursor.
     */
    Optional<List<PgColumn>> describe(String sql) {
        Matcher fetch = FETCH.matcher(sql);
        if (!fetch.matches() || fetch.group(1).equalsIgnoreCase("MOVE")) {
            return Optional.empty();
        }
        return Optional.ofNullable(cursors.get(cursor(fetch.group(3)))).map(PgResult.Rows::columns);
    }

    private PgResult declare(Matcher declare, Function<String, PgResult> query) {
        String name = cursor(declare.group(1));
        if (declare.group(2) != null
                && !declare.group(2).toUpperCase(Locale.ROOT).startsWith("NO")) {
            throw new PgException(
                    PgSqlState.FEATURE_NOT_SUPPORTED, "SCROLL cursors are not supported");
        }
        if (cursors.containsKey(name)) {
            throw new PgException(
                    PgSqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        PgResult result = query.apply(declare.group(4));
        if (!(result instanceof PgResult.Rows rows)) {
            result.close();
            throw new PgException(
                    PgSqlState.SYNTAX_ERROR, "DECLARE CURSOR needs a query that returns rows");
        }
        cursors.put(name, rows);
        return PgResult.command("DECLARE CURSOR");
    }

    private PgResult fetch(Matcher fetch) {
        boolean move = fetch.group(1).equalsIgnoreCase("MOVE");
        long count = count(fetch.group(2));
        String name = cursor(fetch.group(3));
        PgResult.Rows cursor = cursors.get(name);
        if (cursor == null) {
            throw notFound(fetch.group(3));
        }
        if (move) {
            long moved = 0;
            Iterator<Object[]> rows = cursor.rows();
            while (moved < count && rows.hasNext()) {
                rows.next();
                moved++;
            }
            return PgResult.command("MOVE " + moved);
        }
        return PgResult.rows(cursor.columns(), new Batch(cursor.rows(), count), "FETCH");
    }

    private static long count(String direction) {
        if (direction == null) {
            return 1;
        }
        String words = direction.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (words.equals("NEXT") || words.equals("FORWARD")) {
            return 1;
        }
        if (words.endsWith("ALL")) {
            return Long.MAX_VALUE;
        }
        String digits = words.startsWith("FORWARD ") ? words.substring(8) : words;
        try {
            return Long.parseLong(digits.replace("+", ""));
        } catch (NumberFormatException e) {
            throw new PgException(PgSqlState.SYNTAX_ERROR, "invalid FETCH count " + digits);
        }
    }

    /** The folded name of a cursor: unquoted names in lower case, as Postgres does. */
    private static String cursor(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static PgException notFound(String name) {
        return new PgException(
                PgSqlState.INVALID_CURSOR_NAME, "cursor \"" + cursor(name) + "\" does not exist");
    }

    /** The names of the open cursors, in declaration order. */
    List<String> names() {
        return List.copyOf(cursors.keySet());
    }

    /** Closes every cursor: at the end of a transaction block, CLOSE ALL, or the session. */
    @Override
    public void close() {
        cursors.values().forEach(Cursors::closeQuietly);
        cursors.clear();
    }

    private static void closeQuietly(PgResult.Rows rows) {
        try {
            rows.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a cursor failed", e);
        }
    }

    /** Up to {@code count} rows of a cursor; the cursor stays open for the next FETCH. */
    private static final class Batch implements PgStreamingRows {
        private final Iterator<Object[]> rows;
        private long left;

        Batch(Iterator<Object[]> rows, long count) {
            this.rows = rows;
            this.left = count;
        }

        @Override
        public boolean rowReady() {
            return left == 0
                    || !(rows instanceof PgStreamingRows streaming)
                    || streaming.rowReady();
        }

        @Override
        public boolean hasNext() {
            return left > 0 && rows.hasNext();
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            left--;
            return rows.next();
        }
    }
}
