package io.sluice.benchmarks.jmh;

import io.sluice.benchmarks.sluice.ArticlePipeline;
import io.sluice.executor.runtime.CalcOperator;
import io.sluice.storage.parquet.ArrowParquetWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding the sink's rows (the projected {@code account_created} columns) to Parquet with the
 * storage module's writer, on a local file that is finished at the end of each iteration. The score
 * is rows per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Darrow.allocation.manager.type=Unsafe"
        })
public class ParquetEncodeBenchmark {
    // About 5% of events are account_created: 65,536 events give more than SINK_ROWS rows.
    private static final int EVENTS = 65_536;
    static final int SINK_ROWS = 2048;

    @Param({"ZSTD", "SNAPPY"})
    public String codec;

    private BufferAllocator allocator;
    private VectorSchemaRoot events;
    private CalcOperator calc;
    private VectorSchemaRoot rows;
    private Path directory;
    private ArrowParquetWriter writer;

    @Setup
    public void setUp() throws IOException {
        allocator = new RootAllocator();
        events = EventBatches.decoded(allocator, EVENTS);
        calc =
                new CalcOperator(
                        ArticlePipeline.calc("calc", List.of("source")),
                        ArticlePipeline.EVENTS,
                        allocator);
        rows = calc.process(events);
        if (rows.getRowCount() < SINK_ROWS) {
            throw new IllegalStateException("only " + rows.getRowCount() + " sink rows");
        }
        directory = Files.createTempDirectory("sluice-parquet-bench-");
    }

    @Setup(Level.Iteration)
    public void openFile() {
        writer =
                ArrowParquetWriter.create(
                        directory.resolve("rows-" + System.nanoTime() + ".parquet"),
                        calc.outputSchema(),
                        CompressionCodecName.valueOf(codec),
                        ArrowParquetWriter.DEFAULT_ROW_GROUP_SIZE);
    }

    @Benchmark
    @OperationsPerInvocation(SINK_ROWS)
    public long encodeRows() {
        for (int row = 0; row < SINK_ROWS; row++) {
            writer.write(rows, row);
        }
        return writer.rowCount();
    }

    @TearDown(Level.Iteration)
    public void closeFile() {
        writer.close();
    }

    @TearDown
    public void tearDown() {
        calc.close();
        events.close();
        allocator.close();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
