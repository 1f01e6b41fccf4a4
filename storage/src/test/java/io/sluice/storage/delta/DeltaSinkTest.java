package io.sluice.storage.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.sluice.executor.spi.Sink;
import io.sluice.storage.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSinkTest {
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));
    private static final String APP_ID = "sluice/p1/sink/0";

    @TempDir Path lake;

    private BufferAllocator allocator;
    private Path table;
    private Engine engine;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        table = lake.resolve("events_delta");
        engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private Sink openSink(Map<String, String> extra, Optional<byte[]> state) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("path", table.toString());
        return new DeltaConnectorFactory()
                .createSink(TestTables.sinkContext(TestTables.WIDE, options, allocator, state));
    }

    private void write(Sink sink, long first, int count) {
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1)) {
            sink.write(batch);
        }
    }

    @Test
    void oneDeltaCommitPerCheckpointWithItsEpochAsTransactionVersion() throws Exception {
        try (Sink sink = openSink(Map.of("partitioning.fields", "flag"), Optional.empty())) {
            write(sink, 0, 100);
            sink.checkpoint(1, LATER);
            sink.commit(1);
            // a checkpoint that finished no file commits nothing
            sink.checkpoint(2, Instant.now());
            sink.commit(2);
            write(sink, 100, 50);
            sink.checkpoint(3, LATER);
            sink.commit(3);
        }

        Snapshot snapshot = TableManager.loadSnapshot(tableUri()).build(engine);
        // version 0 created the table, 1 and 3 hold the checkpoints' files
        assertThat(snapshot.getVersion()).isEqualTo(2);
        assertThat(snapshot.getLatestTransactionVersion(engine, APP_ID)).contains(3L);
        assertThat(snapshot.getPartitionColumnNames()).containsExactly("flag");

        List<Row> files = activeFiles(snapshot);
        assertThat(files).hasSize(6);
        assertThat(files)
                .extracting(InternalScanFileUtils::getPartitionValues)
                .extracting(values -> values.get("flag"))
                .containsOnly("true", "false", null);
        assertThat(countWithKernel(files)).isEqualTo(150);
        assertThat(countWithDuckDb(files)).containsExactly(150L, 150L);
    }

    @Test
    void aCommitRunAgainAfterACrashDoesNotAddAVersion() throws Exception {
        byte[] state;
        try (Sink sink = openSink(Map.of(), Optional.empty())) {
            write(sink, 0, 100);
            state = sink.checkpoint(1, LATER).state();
            // crash before the commit
        }
        try (Sink sink = openSink(Map.of(), Optional.of(state))) {
            sink.commit(1);
        }
        long version = TableManager.loadSnapshot(tableUri()).build(engine).getVersion();
        // crash after the Delta commit, before the next checkpoint: the restart commits again
        try (Sink sink = openSink(Map.of(), Optional.of(state))) {
            sink.commit(1);
        }
        Snapshot snapshot = TableManager.loadSnapshot(tableUri()).build(engine);
        assertThat(snapshot.getVersion()).isEqualTo(version);
        assertThat(snapshot.getLatestTransactionVersion(engine, APP_ID)).contains(1L);
        List<Row> files = activeFiles(snapshot);
        assertThat(files).hasSize(1);
        assertThat(countWithKernel(files)).isEqualTo(100);
    }

    private String tableUri() {
        return table.toUri().toString().replaceAll("/+$", "");
    }

    private List<Row> activeFiles(Snapshot snapshot) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                FilteredColumnarBatch batch = batches.next();
                try (CloseableIterator<Row> it = batch.getRows()) {
                    it.forEachRemaining(rows::add);
                }
            }
        }
        return rows;
    }

    /** Reads the id column of every active file with the kernel's own Parquet reader. */
    private long countWithKernel(List<Row> files) throws Exception {
        List<FileStatus> statuses =
                files.stream()
                        .map(InternalScanFileUtils::getAddFileStatus)
                        .collect(Collectors.toList());
        long rows = 0;
        Set<Long> ids = new HashSet<>();
        try (CloseableIterator<FileReadResult> results =
                engine.getParquetHandler()
                        .readParquetFiles(
                                Utils.toCloseableIterator(statuses.iterator()),
                                new StructType().add("id", LongType.LONG),
                                Optional.empty())) {
            while (results.hasNext()) {
                ColumnarBatch data = results.next().getData();
                ColumnVector id = data.getColumnVector(0);
                for (int i = 0; i < data.getSize(); i++) {
                    ids.add(id.getLong(i));
                    rows++;
                }
            }
        }
        assertThat(ids).hasSize((int) rows);
        return rows;
    }

    private static List<Long> countWithDuckDb(List<Row> files) throws Exception {
        String list =
                files.stream()
                        .map(row -> InternalScanFileUtils.getAddFileStatus(row).getPath())
                        .map(path -> "'" + Path.of(java.net.URI.create(path)) + "'")
                        .collect(Collectors.joining(", "));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*), count(DISTINCT id) FROM read_parquet(["
                                        + list
                                        + "])")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        }
    }
}
