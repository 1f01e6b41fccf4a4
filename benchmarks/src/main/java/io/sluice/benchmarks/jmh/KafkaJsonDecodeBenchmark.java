package io.sluice.benchmarks.jmh;

import io.sluice.benchmarks.sluice.ArticlePipeline;
import io.sluice.clients.LoadGenerator;
import io.sluice.storage.kafka.JsonBatchDecoder;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kafka source's {@code json} decoding of the article's events: record value bytes, as they
 * arrive from the broker, into the vectors of a reused batch. The score is rows per second on one
 * thread, i.e. per core.
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
public class KafkaJsonDecodeBenchmark {
    static final int BATCH_ROWS = 4096;

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;
    private JsonBatchDecoder decoder;
    private byte[][] records;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        batch = VectorSchemaRoot.create(ArticlePipeline.EVENTS.toArrowSchema(), allocator);
        batch.allocateNew();
        decoder = JsonBatchDecoder.create(ArticlePipeline.EVENTS);
        decoder.bind(batch);
        LoadGenerator generator = new LoadGenerator(42);
        records = new byte[BATCH_ROWS][];
        for (int i = 0; i < BATCH_ROWS; i++) {
            records[i] = generator.next();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_ROWS)
    public int decodeBatch() {
        // as the source does before each poll
        for (FieldVector vector : batch.getFieldVectors()) {
            vector.reset();
        }
        int rows = 0;
        for (byte[] record : records) {
            if (decoder.decode(record, rows)) {
                rows++;
            }
        }
        batch.setRowCount(rows);
        if (rows != BATCH_ROWS) {
            throw new IllegalStateException("only " + rows + " of the events decoded");
        }
        return rows;
    }

    @TearDown
    public void tearDown() {
        batch.close();
        allocator.close();
    }
}
