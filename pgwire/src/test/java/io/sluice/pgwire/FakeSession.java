package io.sluice.pgwire;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written session that understands a handful of fixed statements, enough to drive every
 * protocol path from a real client.
 */
final class FakeSession implements PgSession {
    static final List<PgColumn> TYPED_COLUMNS =
            List.of(
                    new PgColumn("i", PgType.INT4),
                    new PgColumn("b", PgType.INT8),
                    new PgColumn("t", PgType.TEXT),
                    new PgColumn("f", PgType.BOOL),
                    new PgColumn("ts", PgType.TIMESTAMP),
                    new PgColumn("d", PgType.FLOAT8));
    static final List<Object[]> TYPED_ROWS =
            List.of(
                    new Object[] {
                        1,
                        10_000_000_000L,
                        "one",
                        true,
                        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789),
                        1.5
                    },
                    new Object[] {
                        2,
                        -2L,
                        "two, 'quoted'",
                        false,
                        LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                        -0.25
                    },
                    new Object[] {3, 0L, null, true, LocalDateTime.of(2000, 1, 1, 0, 0), 1e300});

    private static final Pattern SELECT_INT = Pattern.compile("select (-?\\d+)");
    private static final Pattern SERIES =
            Pattern.compile("select \\* from series\\((\\$1|\\d+)\\)");
    private static final Pattern SET = Pattern.compile("set (\\w+)\\s*(=|to)\\s*'?([^']*)'?");

    /** Shared by all sessions of one server, so tests can observe what happened. */
    static final class Events {
        final AtomicInteger executions = new AtomicInteger();
        final AtomicInteger closedResults = new AtomicInteger();
        final AtomicInteger closedSessions = new AtomicInteger();
        volatile CountDownLatch sleeping = new CountDownLatch(1);
        final Map<String, String> lastStartupParameters = new ConcurrentHashMap<>();
        final List<String> applicationNames = new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    private final Events events;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<PgNotice> pendingNotices = new ArrayList<>();
    private volatile boolean cancelled;

    FakeSession(Events events, Map<String, String> startupParameters) {
        this.events = events;
        events.lastStartupParameters.putAll(startupParameters);
        parameters.put("application_name", startupParameters.getOrDefault("application_name", ""));
    }

    static PgSessionFactory factory(Events events) {
        return (user, database, startupParameters) -> {
            if (database.equals("missing")) {
                throw new PgException(
                        PgSqlState.INVALID_CATALOG_NAME,
                        "database \"" + database + "\" does not exist");
            }
            return new FakeSession(events, startupParameters);
        };
    }

    @Override
    public PgStatementDescription describe(String sql, List<PgType> parameterTypes) {
        String q = normalize(sql);
        if (q.equals("select * from typed")) {
            return PgStatementDescription.rows(List.of(), TYPED_COLUMNS);
        }
        if (q.equals("select * from typed where i >= $1")) {
            return PgStatementDescription.rows(List.of(PgType.INT4), TYPED_COLUMNS);
        }
        if (q.equals("select $1::timestamp")) {
            return PgStatementDescription.rows(
                    List.of(PgType.TIMESTAMP),
                    List.of(new PgColumn("timestamp", PgType.TIMESTAMP)));
        }
        if (SELECT_INT.matcher(q).matches()) {
            return PgStatementDescription.rows(
                    List.of(), List.of(new PgColumn("?column?", PgType.INT4)));
        }
        Matcher series = SERIES.matcher(q);
        if (series.matches()) {
            return PgStatementDescription.rows(
                    series.group(1).equals("$1") ? List.of(PgType.INT4) : List.of(),
                    List.of(new PgColumn("n", PgType.INT4)));
        }
        return PgStatementDescription.noData(parameterTypes);
    }

    @Override
    public PgResult execute(String sql, List<Object> parameters) {
        cancelled = false;
        events.executions.incrementAndGet();
        String q = normalize(sql);
        Matcher selectInt = SELECT_INT.matcher(q);
        if (selectInt.matches()) {
            return rows(
                    List.of(new PgColumn("?column?", PgType.INT4)),
                    List.<Object[]>of(new Object[] {Integer.parseInt(selectInt.group(1))})
                            .iterator());
        }
        if (q.equals("select * from typed")) {
            return rows(TYPED_COLUMNS, TYPED_ROWS.iterator());
        }
        if (q.equals("select * from typed where i >= $1")) {
            int min = ((Number) parameters.get(0)).intValue();
            return rows(
                    TYPED_COLUMNS, TYPED_ROWS.stream().filter(r -> (int) r[0] >= min).iterator());
        }
        if (q.equals("select $1::timestamp")) {
            Object value = parameters.get(0);
            Object[] row = {
                value instanceof String text
                        ? PgType.TIMESTAMP.decode(
                                text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                PgFormat.TEXT)
                        : value
            };
            return rows(
                    List.of(new PgColumn("timestamp", PgType.TIMESTAMP)),
                    List.<Object[]>of(row).iterator());
        }
        Matcher series = SERIES.matcher(q);
        if (series.matches()) {
            int count =
                    series.group(1).equals("$1")
                            ? ((Number) parameters.get(0)).intValue()
                            : Integer.parseInt(series.group(1));
            return rows(List.of(new PgColumn("n", PgType.INT4)), new Series(count));
        }
        if (q.equals("select sleep()")) {
            events.sleeping.countDown();
            while (!cancelled) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new PgException(
                    PgSqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (q.equals("select broken")) {
            throw PgException.atPosition("42703", "column \"broken\" does not exist", 8);
        }
        if (q.equals("select boom()")) {
            throw new IllegalStateException("boom");
        }
        if (q.equals("select warn()")) {
            pendingNotices.add(PgNotice.warning("this is a warning"));
            return PgResult.command("SELECT 0");
        }
        if (q.equals("begin") || q.equals("start transaction")) {
            return PgResult.command("BEGIN");
        }
        if (q.equals("commit") || q.equals("end")) {
            return PgResult.command("COMMIT");
        }
        if (q.equals("rollback") || q.equals("abort")) {
            return PgResult.command("ROLLBACK");
        }
        if (q.startsWith("insert into")) {
            return PgResult.command("INSERT 0 1");
        }
        if (q.startsWith("create table")) {
            return PgResult.command("CREATE TABLE");
        }
        Matcher set = SET.matcher(q);
        if (set.matches()) {
            this.parameters.put(set.group(1), set.group(3));
            if (set.group(1).equals("application_name")) {
                events.applicationNames.add(set.group(3));
            }
            return PgResult.command("SET");
        }
        throw PgException.atPosition(PgSqlState.SYNTAX_ERROR, "cannot run: " + sql, 1);
    }

    private PgResult rows(List<PgColumn> columns, Iterator<Object[]> rows) {
        return PgResult.rows(columns, rows, events.closedResults::incrementAndGet);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Map<String, String> parameterStatus() {
        return Map.copyOf(parameters);
    }

    @Override
    public List<PgNotice> pollNotices() {
        List<PgNotice> notices = List.copyOf(pendingNotices);
        pendingNotices.clear();
        return notices;
    }

    @Override
    public void close() {
        events.closedSessions.incrementAndGet();
    }

    private static String normalize(String sql) {
        return sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Rows 1..count, produced one at a time. */
    private static final class Series implements Iterator<Object[]> {
        private final int count;
        private int next = 1;

        Series(int count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return next <= count;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return new Object[] {next++};
        }
    }
}
