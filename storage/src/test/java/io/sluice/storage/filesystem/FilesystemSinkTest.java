package io.sluice.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.storage.TestTables;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemSinkTest {
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

    @TempDir Path lake;

    private BufferAllocator allocator;
    private Path table;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        table = lake.resolve("account_created");
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private Sink openSink(Map<String, String> extraOptions) {
        return openSink(extraOptions, Optional.empty());
    }

    private Sink openSink(Map<String, String> extraOptions, Optional<byte[]> state) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.putIfAbsent("path", "file://" + table);
        return factory()
                .createSink(TestTables.sinkContext(TestTables.WIDE, options, allocator, state));
    }

    private static ConnectorFactory factory() {
        return ServiceLoader.load(ConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.name().equals("filesystem"))
                .findFirst()
                .orElseThrow();
    }

    private void write(Sink sink, long first, int count, long secondsPerRow) {
        try (VectorSchemaRoot batch =
                TestTables.wideBatch(allocator, first, count, secondsPerRow)) {
            sink.write(batch);
        }
    }

    private List<Path> files(String suffix) throws IOException {
        if (!Files.exists(table)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private List<List<Object>> query(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(lake));
                LakeResult result =
                        engine.query(
                                sql,
                                Map.of(
                                        "t",
                                        new LakeTable(
                                                "account_created", TestTables.WIDE, table)))) {
            result.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void writesParquetThatDuckDbReadsBack() throws Exception {
        try (Sink sink = openSink(Map.of())) {
            write(sink, 0, 1000, 1);
            write(sink, 1000, 500, 1);
            assertThat(sink.checkpoint(1, LATER).allDurable()).isTrue();
            sink.commit(1);
        }
        assertThat(files(".parquet")).hasSize(1);
        assertThat(files(".parquet").get(0).getFileName().toString())
                .matches("[0-9a-f-]{36}\\.parquet");
        assertThat(
                        query(
                                "SELECT count(*), count(DISTINCT id), sum(\"count\") FROM"
                                        + " account_created"))
                .containsExactly(List.of(1500L, 1500L, java.math.BigDecimal.valueOf(1011150)));
        assertThat(
                        query(
                                "SELECT column_name, column_type FROM (DESCRIBE account_created)"
                                    + " WHERE column_name IN ('timestamp', 'at', 'doc', 'amount',"
                                    + " 'day') ORDER BY column_name"))
                .containsExactly(
                        List.of("amount", "DECIMAL(10,2)"),
                        List.of("at", "TIMESTAMP WITH TIME ZONE"),
                        List.of("day", "DATE"),
                        List.of("doc", "JSON"),
                        List.of("timestamp", "TIMESTAMP"));
        assertThat(
                        query(
                                "SELECT DISTINCT compression FROM parquet_metadata('"
                                        + files(".parquet").get(0)
                                        + "')"))
                .containsExactly(List.of("ZSTD"));
    }

    @Test
    void legacyOptionNamesSelectCodecAndRolling() throws Exception {
        try (Sink sink =
                openSink(Map.of("parquet_compression", "none", "rollover_seconds", "6000"))) {
            write(sink, 0, 10, 1);
            // 6000 s have not passed: the file stays open, its rows covered by the checkpoint.
            assertThat(sink.checkpoint(1, Instant.now()).allDurable()).isTrue();
            sink.commit(1);
            assertThat(files(".parquet")).isEmpty();
            assertThat(sink.checkpoint(2, Instant.now().plusSeconds(6001)).allDurable()).isTrue();
            sink.commit(2);
        }
        assertThat(
                        query(
                                "SELECT DISTINCT compression FROM parquet_metadata('"
                                        + files(".parquet").get(0)
                                        + "')"))
                .containsExactly(List.of("UNCOMPRESSED"));
    }

    @Test
    void aFileStaysOpenAcrossCheckpointsAndAppearsOnlyAtItsCommit() throws Exception {
        try (Sink sink = openSink(Map.of("rolling_policy.interval", "1h"))) {
            assertThat(sink.checkpoint(1, Instant.now()).allDurable()).isTrue();
            sink.commit(1);

            write(sink, 0, 100, 1);
            assertThat(sink.checkpoint(2, Instant.now()).allDurable()).isTrue();
            sink.commit(2);
            write(sink, 100, 100, 1);
            assertThat(sink.checkpoint(3, Instant.now()).allDurable()).isTrue();
            sink.commit(3);
            assertThat(files(".parquet")).isEmpty();
            assertThat(files(".inprogress")).hasSize(1);
            assertThat(query("SELECT count(*) FROM account_created")).containsExactly(List.of(0L));

            write(sink, 200, 100, 1);
            assertThat(sink.checkpoint(4, Instant.now().plus(Duration.ofHours(2))).allDurable())
                    .isTrue();
            // finished, but not visible before the checkpoint is committed
            assertThat(files(".parquet")).isEmpty();
            sink.commit(4);
            assertThat(files(".parquet")).hasSize(1);
            assertThat(files(".inprogress")).isEmpty();
        }
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM account_created"))
                .containsExactly(List.of(300L, 300L));
        assertThat(
                        query(
                                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata('"
                                        + files(".parquet").get(0)
                                        + "')"))
                .as("one row group per checkpoint that had rows")
                .containsExactly(List.of(3L));
    }

    @Test
    void fileSizeRollsWithoutWaitingForACheckpoint() throws Exception {
        try (Sink sink =
                openSink(Map.of("rolling_policy.interval", "1h", "target_file_size", "1KB"))) {
            write(sink, 0, 2000, 1);
            assertThat(sink.checkpoint(1, Instant.now()).allDurable()).isTrue();
            sink.commit(1);
            assertThat(files(".parquet")).hasSize(1);
            write(sink, 2000, 10, 1);
            assertThat(sink.checkpoint(2, Instant.now()).allDurable()).isTrue();
        }
        assertThat(files(".parquet")).hasSize(1);
        // the small second file stays open: checkpoint 2 refers to it
        assertThat(files(".inprogress")).hasSize(1);
        assertThat(query("SELECT count(*) FROM account_created")).containsExactly(List.of(2000L));
    }

    @Test
    void aRestoredOpenFileContinuesWithoutTheRowsWrittenAfterItsCheckpoint() throws Exception {
        byte[] state;
        try (Sink sink = openSink(Map.of("rolling_policy.interval", "1h"))) {
            write(sink, 0, 100, 1);
            state = sink.checkpoint(1, Instant.now()).state();
            sink.commit(1);
            // written and even flushed by a checkpoint that never completed, then a crash
            write(sink, 100, 5000, 1);
            sink.checkpoint(2, Instant.now());
        }
        try (Sink sink = openSink(Map.of("rolling_policy.interval", "1h"), Optional.of(state))) {
            sink.commit(1);
            write(sink, 100, 10, 1);
            sink.checkpoint(3, LATER);
            sink.commit(3);
        }
        assertThat(files(".inprogress")).isEmpty();
        assertThat(files(".parquet")).hasSize(1);
        assertThat(query("SELECT count(*), count(DISTINCT id), max(id) FROM account_created"))
                .containsExactly(List.of(110L, 110L, 109L));
    }

    @Test
    void aCommitCutShortRunsAgainAfterRestore() throws Exception {
        byte[] state;
        Map<String, String> options =
                Map.of("partitioning.fields", "flag", "rolling_policy.interval", "1h");
        try (Sink sink = openSink(options)) {
            write(sink, 0, 100, 1);
            state = sink.checkpoint(1, LATER).state();
            // crash before the commit
        }
        assertThat(files(".parquet")).isEmpty();
        try (Sink sink = openSink(options, Optional.of(state))) {
            sink.commit(1);
        }
        assertThat(files(".parquet")).hasSize(3);
        // committing again finds every file published already
        try (Sink sink = openSink(options, Optional.of(state))) {
            sink.commit(1);
        }
        assertThat(files(".parquet")).hasSize(3);
        // a file that is neither pending nor published is an error, not silently skipped
        Files.delete(files(".parquet").get(0));
        try (Sink sink = openSink(options, Optional.of(state))) {
            assertThatThrownBy(() -> sink.commit(1))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("cannot publish");
        }
    }

    @Test
    void partitionsByFieldsInHiveStyleDirectories() throws Exception {
        try (Sink sink = openSink(Map.of("partition_fields", "flag,count"))) {
            write(sink, 0, 4, 1);
            sink.checkpoint(1, LATER);
            sink.commit(1);
        }
        assertThat(files(".parquet"))
                .extracting(path -> table.relativize(path.getParent()).toString())
                .containsExactlyInAnyOrder(
                        "flag=false/count=0",
                        "flag=true/count=1",
                        "flag=false/count=2",
                        "flag=true/count=3");
    }

    @Test
    void manyPartitionsNeverKeepMoreThanMaxOpenFilesOpen() throws Exception {
        Map<String, String> options =
                Map.of(
                        "partitioning.fields", "count",
                        "rolling_policy.interval", "1h",
                        "max_open_files", "4");
        try (Sink sink = openSink(options)) {
            for (int batch = 0; batch < 10; batch++) {
                write(sink, batch * 10L, 10, 1);
            }
            sink.checkpoint(1, Instant.now());
            sink.commit(1);
            // 91 partitions (every tenth row has a null count): the files finished early became
            // visible with the checkpoint's commit although their rolling interval is an hour;
            // the four written to last stay open
            assertThat(files(".inprogress")).hasSize(4);
            assertThat(files(".parquet")).hasSize(87);
            sink.checkpoint(2, LATER);
            sink.commit(2);
        }
        assertThat(files(".inprogress")).isEmpty();
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM account_created"))
                .containsExactly(List.of(100L, 100L));
    }

    @Test
    void rowsBeyondMaxBufferedSizeAreWrittenOutBeforeTheCheckpoint() throws Exception {
        Map<String, String> options =
                Map.of("rolling_policy.interval", "1h", "max_buffered_size", "1KB");
        try (Sink sink = openSink(options)) {
            write(sink, 0, 200, 1);
            // without the bound the rows would wait in memory for the row group size (128 MB)
            assertThat(Files.size(files(".inprogress").get(0))).isPositive();
            write(sink, 200, 200, 1);
            sink.checkpoint(1, LATER);
            sink.commit(1);
        }
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM account_created"))
                .containsExactly(List.of(400L, 400L));
    }

    @Test
    void removesLeftoversOfACrashedRunOnOpen() throws Exception {
        Files.createDirectories(table.resolve("2025/01"));
        Path mine = Files.writeString(table.resolve(".a.parquet.0.inprogress"), "partial");
        Path nested = Files.writeString(table.resolve("2025/01/.b.parquet.0.inprogress"), "x");
        Path goneSubtask = Files.writeString(table.resolve(".c.parquet.3.inprogress"), "x");
        Path finished = Files.writeString(table.resolve("keep.txt"), "x");
        try (Sink sink = openSink(Map.of())) {
            assertThat(mine).doesNotExist();
            assertThat(nested).doesNotExist();
            assertThat(goneSubtask).doesNotExist();
            assertThat(finished).exists();
        }
    }

    @Test
    void partitionsByEventTimeAndNamesFilesSerially() throws Exception {
        Map<String, String> options =
                Map.of(
                        "time_partition_pattern", "%Y/%m/%d/%H",
                        "filename.strategy", "serial",
                        "filename.prefix", "events");
        byte[] state;
        try (Sink sink = openSink(options)) {
            // One row every 30 minutes from 17:24: hours 17, 18 and 19.
            write(sink, 0, 5, 1800);
            SinkCheckpoint checkpoint = sink.checkpoint(1, LATER);
            assertThat(checkpoint.allDurable()).isTrue();
            state = checkpoint.state();
            sink.commit(1);
        }
        assertThat(files(".parquet"))
                .extracting(path -> table.relativize(path).toString())
                .containsExactlyInAnyOrder(
                        "2025/01/15/17/events-00000-000.parquet",
                        "2025/01/15/18/events-00001-000.parquet",
                        "2025/01/15/19/events-00002-000.parquet");
        try (Sink sink = openSink(options, Optional.of(state))) {
            write(sink, 0, 1, 1);
            assertThat(sink.checkpoint(2, LATER).allDurable()).isTrue();
            sink.commit(2);
        }
        assertThat(files("events-00003-000.parquet")).hasSize(1);
        assertThat(query("SELECT count(*) FROM account_created")).containsExactly(List.of(6L));
    }

    @Test
    void rejectsRelativePaths() {
        assertThatThrownBy(() -> openSink(Map.of("path", "relative/dir")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("absolute");
    }
}
