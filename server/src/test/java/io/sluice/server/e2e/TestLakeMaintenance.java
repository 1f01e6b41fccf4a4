package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.storage.delta.DeltaTableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** OPTIMIZE and VACUUM of a Delta table while another writer keeps appending. */
class TestLakeMaintenance {
    private static final List<String> DAYS =
            List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04");
    private static final int FILES_PER_DAY = 50;
    private static final int ROWS_PER_FILE = 20;

    @TempDir Path dataDir;
    @TempDir Path tables;

    @Test
    void optimizeRewritesSmallFilesInOneCommitAndVacuumDeletesTheReplacedOnes() throws Exception {
        Path directory = tables.resolve("small_files");
        DeltaTables delta = DeltaTables.create(directory);
        long next = 0;
        for (String day : DAYS) {
            delta.append(day, next, ROWS_PER_FILE, FILES_PER_DAY);
            next += (long) FILES_PER_DAY * ROWS_PER_FILE;
        }
        long before = next;
        assertThat(DeltaTableFiles.latest(directory).orElseThrow().files()).hasSize(200);
        try (TestingSluice sluice = TestingSluice.start(dataDir, "opt-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE small_files (id BIGINT, dt TEXT) WITH (connector = 'delta',"
                            + " path = '"
                            + directory.toUri()
                            + "', type = 'lake')");
            assertThat(count(statement, "SELECT count(*) FROM small_files")).isEqualTo(before);

            // Only one partition first.
            try (ResultSet rs =
                    statement.executeQuery("OPTIMIZE small_files WHERE dt = '2026-01-01'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("files_removed")).isEqualTo(FILES_PER_DAY);
                assertThat(rs.getLong("files_added")).isEqualTo(1);
            }
            assertThat(DeltaTableFiles.latest(directory).orElseThrow().files())
                    .hasSize(200 - FILES_PER_DAY + 1);

            // Then the rest, while another writer appends small commits.
            AtomicBoolean appending = new AtomicBoolean(true);
            long firstAppended = next;
            CompletableFuture<Long> appender =
                    CompletableFuture.supplyAsync(
                            () -> {
                                long id = firstAppended;
                                int commits = 0;
                                while (appending.get() || commits < 3) {
                                    try {
                                        delta.append("2026-01-05", id, ROWS_PER_FILE, 1);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    id += ROWS_PER_FILE;
                                    commits++;
                                }
                                return id;
                            });
            long optimizedVersion;
            try (ResultSet rs = statement.executeQuery("OPTIMIZE small_files")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("files_removed")).isGreaterThanOrEqualTo(150);
                assertThat(rs.getLong("files_added")).isBetween(3L, 5L);
                optimizedVersion = rs.getLong("version");
            } finally {
                appending.set(false);
            }
            long end = appender.get(60, TimeUnit.SECONDS);
            long expected = end;

            // Nothing lost, nothing doubled, and the log's file list read by a plain DuckDB agrees.
            assertThat(count(statement, "SELECT count(*) FROM small_files")).isEqualTo(expected);
            assertThat(count(statement, "SELECT count(DISTINCT id) FROM small_files"))
                    .isEqualTo(expected);
            List<Path> active = DeltaTableFiles.latest(directory).orElseThrow().files();
            assertThat(plainDuckDbCount(active)).isEqualTo(expected);
            assertThat(active.stream().filter(file -> !file.toString().contains("2026-01-05")))
                    .hasSizeBetween(4, 6);
            // The older version still answers until VACUUM.
            assertThat(
                            count(
                                    statement,
                                    "SELECT count(*) FROM small_files FOR VERSION AS OF "
                                            + (optimizedVersion - 1)))
                    .isLessThanOrEqualTo(expected);

            assertThatThrownBy(() -> statement.execute("VACUUM small_files RETAIN 1 HOURS"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("22023"));
            // Nothing is old enough yet.
            assertThat(vacuumed(statement, "VACUUM small_files")).isZero();
            Set<Path> activeFiles = new HashSet<>(active);
            List<Path> onDisk = dataFiles(directory);
            for (Path file : onDisk) {
                Files.setLastModifiedTime(
                        file, FileTime.from(Instant.now().minus(Duration.ofHours(200))));
            }
            assertThat(vacuumed(statement, "VACUUM small_files RETAIN 168 HOURS"))
                    .isEqualTo(onDisk.size() - activeFiles.size());
            assertThat(new HashSet<>(dataFiles(directory))).isEqualTo(activeFiles);
            assertThat(count(statement, "SELECT count(*) FROM small_files")).isEqualTo(expected);
            assertThat(plainDuckDbCount(DeltaTableFiles.latest(directory).orElseThrow().files()))
                    .isEqualTo(expected);
        }
    }

    private static long vacuumed(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong("files_deleted");
        }
    }

    private static List<Path> dataFiles(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".parquet"))
                    .filter(file -> !file.toString().contains("_delta_log"))
                    .toList();
        }
    }

    private static long plainDuckDbCount(List<Path> files) throws SQLException {
        StringBuilder list = new StringBuilder();
        for (Path file : files) {
            list.append(list.length() == 0 ? "" : ", ").append('\'').append(file).append('\'');
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*) FROM read_parquet([" + list + "])")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
