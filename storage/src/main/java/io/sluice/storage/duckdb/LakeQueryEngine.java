package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.storage.cache.S3LakeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Answers SQL over lake tables with an embedded, in-memory DuckDB.
 *
 * <p>Each query runs on its own connection, on which every referenced table is a temporary view
 * over its Parquet files. The database is sandboxed when the engine starts: no extension is
 * installed or loaded from the network, external access is off except for reading the lake roots
 * given here and the object cache, and the configuration is locked so user SQL cannot lift any of
 * it; only single read-only statements are accepted. Each query has a time limit; DuckDB's memory
 * limit and threads are set at start. Tables on S3 are read from pinned local copies, released when
 * the result is closed. Thread-safe.
 */
public final class LakeQueryEngine implements AutoCloseable {
    private final Path workDirectory;
    private final List<Path> lakeRoots;
    private final LakeQueryLimits limits;
    private final Optional<S3LakeFiles> s3Files;
    private final ScheduledExecutorService timer;
    private final DuckDBConnection database;

    /**
     * @param lakeRoots the directories holding all lake tables; queries can read nothing else
     */
    public LakeQueryEngine(List<Path> lakeRoots) {
        this(lakeRoots, LakeQueryLimits.DEFAULT, Optional.empty());
    }

    /**
     * @param lakeRoots the local directories holding lake tables; queries can read nothing else
     *     besides the object cache
     * @param s3Files local copies of tables on S3; without it such tables cannot be queried
     */
    public LakeQueryEngine(
            List<Path> lakeRoots, LakeQueryLimits limits, Optional<S3LakeFiles> s3Files) {
        this.lakeRoots = lakeRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        this.limits = requireNonNull(limits, "limits is null");
        this.s3Files = requireNonNull(s3Files, "s3Files is null");
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "lake-query-timeout");
                            thread.setDaemon(true);
                            return thread;
                        });
        try {
            this.workDirectory = Files.createTempDirectory("sluice-duckdb-");
            Path extensions = Files.createDirectories(workDirectory.resolve("extensions"));
            Path spill = Files.createDirectories(workDirectory.resolve("spill"));
            Properties properties = new Properties();
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("extension_directory", extensions.toString());
            properties.setProperty("temp_directory", spill.toString());
            properties.setProperty("jdbc_stream_results", "true");
            this.database =
                    (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = database.createStatement()) {
                List<String> allowed = new ArrayList<>();
                for (Path root : this.lakeRoots) {
                    allowed.add(stringLiteral(root + "/"));
                }
                if (s3Files.isPresent()) {
                    allowed.add(stringLiteral(s3Files.get().cache().directory() + "/"));
                }
                allowed.add(stringLiteral(spill + "/"));
                if (limits.memoryLimit().isPresent()) {
                    statement.execute(
                            "SET memory_limit = " + stringLiteral(limits.memoryLimit().get()));
                }
                if (limits.threads().isPresent()) {
                    statement.execute("SET threads = " + limits.threads().getAsInt());
                }
                statement.execute("SET allowed_directories = [" + String.join(", ", allowed) + "]");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
        } catch (IOException e) {
            timer.shutdownNow();
            throw new UncheckedIOException("cannot create the lake query work directory", e);
        } catch (SQLException e) {
            timer.shutdownNow();
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** The lake roots queries may read. */
    public List<Path> lakeRoots() {
        return lakeRoots;
    }

    /** Runs {@code sql} with {@code tables} visible under their names (map keys are ignored). */
    public LakeResult query(String sql, Map<String, LakeTable> tables) {
        return query(sql, tables, new LakeCancellation());
    }

    /**
     * Runs {@code sql}; {@code cancellation} can stop it from another thread at any point.
     *
     * @throws SluiceException with DuckDB's message when the query fails to start
     */
    public LakeResult query(
            String sql, Map<String, LakeTable> tables, LakeCancellation cancellation) {
        requireNonNull(sql, "sql is null");
        requireNonNull(tables, "tables is null");
        requireNonNull(cancellation, "cancellation is null");
        LakeStatementGuard.check(sql);
        List<AutoCloseable> resources = new ArrayList<>();
        Connection connection = null;
        Statement statement = null;
        try {
            ScheduledFuture<?> deadline =
                    timer.schedule(
                            () -> cancellation.cancel(timeoutMessage()),
                            limits.timeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            resources.add(() -> deadline.cancel(false));
            connection = database.duplicate();
            try (Statement setup = connection.createStatement()) {
                String lowerSql = sql.toLowerCase(Locale.ROOT);
                for (LakeTable table : tables.values()) {
                    // A table the text never names cannot be read: skip listing (and on S3,
                    // downloading) its files.
                    if (lowerSql.contains(table.name().toLowerCase(Locale.ROOT))) {
                        setup.execute(createView(table, files(table, resources)));
                    }
                }
            }
            statement = connection.createStatement();
            if (!cancellation.attach(statement)) {
                throw cancellation.failure(null);
            }
            ResultSet resultSet;
            try {
                resultSet = statement.executeQuery(sql);
            } catch (SQLException e) {
                if (DuckDbErrors.isLostError(e) && !cancellation.isCancelled()) {
                    throw DuckDbErrors.diagnose(connection, sql, cancellation, e);
                }
                throw e;
            }
            return new LakeResult(connection, statement, resultSet, cancellation, resources);
        } catch (SQLException e) {
            closeQuietly(statement, connection, cancellation, resources);
            throw cancellation.isCancelled() ? cancellation.failure(e) : DuckDbErrors.translate(e);
        } catch (RuntimeException e) {
            closeQuietly(statement, connection, cancellation, resources);
            throw e;
        }
    }

    private String timeoutMessage() {
        return "canceling statement due to statement timeout: lake queries may run for "
                + formatDuration(limits.timeout())
                + " (lake.query.timeout)";
    }

    private static String formatDuration(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    /** The files the query reads from {@code table}; pins of cached copies go to resources. */
    private List<Path> files(LakeTable table, List<AutoCloseable> resources) {
        if (table.location() instanceof LakeLocation.LocalDirectory local) {
            return LakeDirectory.finishedFiles(local.directory());
        }
        if (table.location() instanceof LakeLocation.LocalFiles files) {
            return files.files();
        }
        if (table.location() instanceof LakeLocation.LocalSnapshot snapshot) {
            return snapshot.files().get();
        }
        LakeLocation.S3Prefix s3 = (LakeLocation.S3Prefix) table.location();
        S3LakeFiles cache =
                s3Files.orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.FEATURE_NOT_SUPPORTED,
                                        "querying tables on S3 needs the lake object cache"
                                                + " (table \""
                                                + table.name()
                                                + "\")"));
        S3LakeFiles.Pin pin = cache.pin(s3.settings(), s3.bucket(), s3.prefix());
        resources.add(pin);
        return pin.files();
    }

    private static void closeQuietly(
            Statement statement,
            Connection connection,
            LakeCancellation cancellation,
            List<AutoCloseable> resources) {
        cancellation.detach();
        List<AutoCloseable> all = new ArrayList<>();
        all.add(statement);
        all.add(connection);
        all.addAll(resources);
        for (AutoCloseable resource : all) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // The query already failed; that error is the one to report.
                }
            }
        }
    }

    static String createView(LakeTable table, List<Path> files) {
        StringBuilder sql =
                new StringBuilder("CREATE OR REPLACE TEMP VIEW ")
                        .append(identifier(table.name()))
                        .append(" AS ");
        if (!files.isEmpty()) {
            sql.append("SELECT * FROM read_parquet([");
            for (int i = 0; i < files.size(); i++) {
                sql.append(i > 0 ? ", " : "")
                        .append(
                                stringLiteral(
                                        files.get(i).toAbsolutePath().normalize().toString()));
            }
            sql.append("], union_by_name = true)");
        } else {
            // No files yet: a view with the declared columns and no rows, so count(*) is 0.
            sql.append("SELECT ");
            List<Column> columns = table.schema().columns();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                sql.append("CAST(NULL AS ")
                        .append(DuckDbTypes.toDuckDb(columns.get(i).type()))
                        .append(") AS ")
                        .append(identifier(columns.get(i).name()));
            }
            sql.append(" WHERE false");
        }
        return sql.toString();
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            database.close();
        } catch (SQLException e) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "cannot close DuckDB", e);
        } finally {
            try (Stream<Path> files = Files.walk(workDirectory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // Only temporary files are left behind.
            }
        }
    }
}
