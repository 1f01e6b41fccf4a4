package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Answers SQL over lake tables with an embedded, in-memory DuckDB.
 *
 * <p>Each query runs on its own connection, on which every referenced table is a temporary view
 * over its Parquet files. The database is sandboxed when the engine starts: no extension is
 * installed or loaded from the network, external access is off except for reading the lake roots
 * given here, and the configuration is locked so user SQL cannot lift any of it. Thread-safe.
 */
public final class LakeQueryEngine implements AutoCloseable {
    private final Path workDirectory;
    private final List<Path> lakeRoots;
    private final DuckDBConnection database;

    /**
     * @param lakeRoots the directories holding all lake tables; queries can read nothing else
     */
    public LakeQueryEngine(List<Path> lakeRoots) {
        this.lakeRoots = lakeRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
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
                allowed.add(stringLiteral(spill + "/"));
                statement.execute("SET allowed_directories = [" + String.join(", ", allowed) + "]");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lake query work directory", e);
        } catch (SQLException e) {
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
        Connection connection = null;
        Statement statement = null;
        try {
            connection = database.duplicate();
            try (Statement setup = connection.createStatement()) {
                for (LakeTable table : tables.values()) {
                    setup.execute(createView(table));
                }
            }
            statement = connection.createStatement();
            if (!cancellation.attach(statement)) {
                throw new SluiceException(ErrorCode.QUERY_CANCELED, "query was cancelled");
            }
            ResultSet resultSet = statement.executeQuery(sql);
            return new LakeResult(connection, statement, resultSet, cancellation);
        } catch (SQLException e) {
            closeQuietly(statement, connection, cancellation);
            throw cancellation.isCancelled()
                    ? new SluiceException(ErrorCode.QUERY_CANCELED, "query was cancelled", e)
                    : DuckDbErrors.translate(e);
        } catch (RuntimeException e) {
            closeQuietly(statement, connection, cancellation);
            throw e;
        }
    }

    private static void closeQuietly(
            Statement statement, Connection connection, LakeCancellation cancellation) {
        cancellation.detach();
        for (AutoCloseable resource : new AutoCloseable[] {statement, connection}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // The query already failed; that error is the one to report.
                }
            }
        }
    }

    static String createView(LakeTable table) {
        StringBuilder sql =
                new StringBuilder("CREATE OR REPLACE TEMP VIEW ")
                        .append(identifier(table.name()))
                        .append(" AS ");
        if (hasDataFiles(table.directory())) {
            Path directory = table.directory().toAbsolutePath().normalize();
            sql.append("SELECT * FROM read_parquet(")
                    .append(stringLiteral(directory + "/**/*.parquet"))
                    .append(", union_by_name = true)");
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

    private static boolean hasDataFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(
                    file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".parquet")
                                && !name.startsWith(".")
                                && Files.isRegularFile(file);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() {
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
