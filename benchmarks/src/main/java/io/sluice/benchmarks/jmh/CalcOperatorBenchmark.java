package io.sluice.benchmarks.jmh;

import io.sluice.benchmarks.sluice.ArticlePipeline;
import io.sluice.executor.runtime.CalcOperator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * The article's filter and projection ({@code type = 'account_created'}, three {@code ->>} reads
 * out of {@code properties}) on decoded batches. The score is input rows per second on one thread.
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
public class CalcOperatorBenchmark {
    static final int BATCH_ROWS = 4096;

    private BufferAllocator allocator;
    private VectorSchemaRoot input;
    private CalcOperator calc;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        input = EventBatches.decoded(allocator, BATCH_ROWS);
        calc =
                new CalcOperator(
                        ArticlePipeline.calc("calc", List.of("source")),
                        ArticlePipeline.EVENTS,
                        allocator);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_ROWS)
    public int filterAndProject() {
        return calc.process(input).getRowCount();
    }

    @TearDown
    public void tearDown() {
        calc.close();
        input.close();
        allocator.close();
    }
}
