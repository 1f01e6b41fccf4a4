package io.sluice.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableParquetFileTest {
    @TempDir Path directory;

    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private void write(ResumableParquetFile file, long first, int count) {
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1)) {
            for (int row = 0; row < count; row++) {
                file.write(batch, row);
            }
        }
    }

    private static ResumableParquetFile create(Path path) {
        return ResumableParquetFile.create(
                LocalAppendTarget.create(path),
                TestTables.WIDE,
                CompressionCodecName.ZSTD,
                128L << 20);
    }

    @Test
    void oneFileHoldsTheRowGroupsOfManyFlushes() throws Exception {
        Path path = directory.resolve("a.parquet");
        try (ResumableParquetFile file = create(path)) {
            write(file, 0, 1000);
            file.flush();
            write(file, 1000, 10);
            file.flush();
            file.flush();
            write(file, 1010, 490);
            assertThat(file.rowCount()).isEqualTo(1500);
            assertThat(file.finish()).isEqualTo(Files.size(path));
        }

        assertThat(
                        query(
                                "SELECT count(*), count(DISTINCT id), sum(\"count\")::BIGINT FROM '"
                                        + path
                                        + "'"))
                .containsExactly(List.of(1500L, 1500L, 1011150L));
        assertThat(query("SELECT count(*) FROM parquet_metadata('" + path + "')"))
                .as("row groups x columns")
                .containsExactly(List.of(3L * TestTables.WIDE.size()));
        assertThat(query("SELECT max(name), min(amount) FROM '" + path + "' WHERE id >= 1010"))
                .containsExactly(List.of("name-1498", java.math.BigDecimal.valueOf(101005, 2)));
    }

    @Test
    void aSnapshotFinishesTheFileAsOfItsFlush() throws Exception {
        Path path = directory.resolve("b.parquet");
        ResumableParquetFile.Snapshot snapshot;
        try (ResumableParquetFile file = create(path)) {
            write(file, 0, 700);
            file.flush();
            write(file, 700, 300);
            snapshot = file.flush();
            // rows after the snapshot, flushed and finished: lost by the "crash" below
            write(file, 1000, 5000);
            file.finish();
        }
        assertThat(snapshot.rows()).isEqualTo(1000);

        // a crash after the snapshot: cut the file back and finish it from the snapshot alone
        Path recovered = directory.resolve("recovered.parquet");
        Files.copy(path, recovered);
        try (var channel =
                java.nio.channels.FileChannel.open(recovered, StandardOpenOption.WRITE)) {
            channel.truncate(snapshot.length());
        }
        Files.write(
                recovered,
                ResumableParquetFile.trailer(snapshot.footer()),
                StandardOpenOption.APPEND);
        assertThat(query("SELECT count(*), min(id), max(id) FROM '" + recovered + "'"))
                .containsExactly(List.of(1000L, 0L, 999L));

        // or resume writing after the snapshot
        try (ResumableParquetFile file =
                ResumableParquetFile.resume(
                        LocalAppendTarget.resume(path, snapshot.length()),
                        TestTables.WIDE,
                        CompressionCodecName.ZSTD,
                        128L << 20,
                        snapshot)) {
            write(file, 1000, 234);
            assertThat(file.rowCount()).isEqualTo(1234);
            file.finish();
        }
        assertThat(query("SELECT count(*), count(DISTINCT id), max(id) FROM '" + path + "'"))
                .containsExactly(List.of(1234L, 1234L, 1233L));
    }

    @Test
    void aSmallRowGroupSizeFlushesWithoutACheckpoint() throws Exception {
        Path path = directory.resolve("c.parquet");
        try (ResumableParquetFile file =
                ResumableParquetFile.create(
                        LocalAppendTarget.create(path),
                        TestTables.WIDE,
                        CompressionCodecName.SNAPPY,
                        16 << 10)) {
            write(file, 0, 20_000);
            assertThat(Files.size(path)).isGreaterThan(4);
            file.finish();
        }
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM '" + path + "'"))
                .containsExactly(List.of(20_000L, 20_000L));
        assertThat(
                        query(
                                "SELECT count(DISTINCT row_group_id) > 1 FROM parquet_metadata('"
                                        + path
                                        + "')"))
                .containsExactly(List.of(true));
    }

    private static List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
