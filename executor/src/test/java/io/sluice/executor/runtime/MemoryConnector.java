package io.sluice.executor.runtime;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import io.sluice.executor.spi.TableOptions;
import io.sluice.executor.spi.TableRole;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A deterministic in-memory connector: the source emits ids {@code 0..rows-1} (subtask {@code i}
 * the ids with {@code id % parallelism == i}) and remembers the next id as its state; the sink
 * collects the ids it is given.
 */
final class MemoryConnector implements ConnectorFactory {
    final Queue<Long> written = new ConcurrentLinkedQueue<>();
    final Queue<Long> firstIdPerSourceRun = new ConcurrentLinkedQueue<>();
    final AtomicInteger sinkCheckpoints = new AtomicInteger();
    final AtomicInteger openResources = new AtomicInteger();

    /** Epochs committed, in the order the sinks committed them. */
    final Queue<Long> commits = new ConcurrentLinkedQueue<>();

    /** Commits of an epoch the checkpoint store did not hold yet. */
    final Queue<Long> earlyCommits = new ConcurrentLinkedQueue<>();

    /** Where the runtime records checkpoints; the sink checks it when asked to commit. */
    volatile CheckpointStore store;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.builder("rows", OptionType.INTEGER)
                        .required()
                        .roles(TableRole.SOURCE)
                        .build(),
                OptionSpec.builder("pause_at", OptionType.INTEGER).roles(TableRole.SOURCE).build(),
                OptionSpec.builder("unbounded", OptionType.BOOLEAN)
                        .defaultValue("false")
                        .roles(TableRole.SOURCE)
                        .build(),
                OptionSpec.builder("fail_after", OptionType.INTEGER).roles(TableRole.SINK).build(),
                OptionSpec.builder("durable", OptionType.BOOLEAN)
                        .defaultValue("true")
                        .roles(TableRole.SINK)
                        .build());
    }

    @Override
    public List<TableRole> roles() {
        return List.of(TableRole.SOURCE, TableRole.SINK);
    }

    @Override
    public Source createSource(SourceContext context) {
        return new MemorySource(context);
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new CollectingSink(context);
    }

    private final class MemorySource implements Source {
        private final VectorSchemaRoot root;
        private final long rows;
        private final long pauseAt;
        private final boolean unbounded;
        private final int parallelism;
        private long next;
        private boolean first = true;

        MemorySource(SourceContext context) {
            TableOptions options =
                    TableOptions.validate(
                            MemoryConnector.this, TableRole.SOURCE, context.options());
            this.rows = options.getInt("rows");
            this.pauseAt =
                    options.getOptional("pause_at").map(Long::parseLong).orElse(Long.MAX_VALUE);
            this.unbounded = options.getBoolean("unbounded");
            this.parallelism = context.parallelism();
            this.next =
                    context.restoredState()
                            .map(s -> ByteBuffer.wrap(s).getLong())
                            .orElse((long) context.subtask());
            this.root =
                    VectorSchemaRoot.create(context.schema().toArrowSchema(), context.allocator());
            openResources.incrementAndGet();
        }

        @Override
        public VectorSchemaRoot poll(Duration maxWait) {
            root.allocateNew();
            BigIntVector ids = (BigIntVector) root.getVector(0);
            int count = 0;
            while (count < 10 && next < rows && next < pauseAt) {
                if (first) {
                    firstIdPerSourceRun.add(next);
                    first = false;
                }
                ids.setSafe(count++, next);
                next += parallelism;
            }
            root.setRowCount(count);
            if (count == 0) {
                LockSupport.parkNanos(Math.min(maxWait.toNanos(), 5_000_000));
            }
            return root;
        }

        @Override
        public byte[] snapshotState() {
            return ByteBuffer.allocate(8).putLong(next).array();
        }

        @Override
        public boolean isFinished() {
            return !unbounded && next >= rows;
        }

        @Override
        public void close() {
            root.close();
            openResources.decrementAndGet();
        }
    }

    private final class CollectingSink implements Sink {
        private final long failAfter;
        private final boolean durable;
        private final String pipeline;
        private long count;

        CollectingSink(SinkContext context) {
            this.pipeline = context.pipeline();
            TableOptions options =
                    TableOptions.validate(MemoryConnector.this, TableRole.SINK, context.options());
            this.failAfter =
                    options.getOptional("fail_after").map(Long::parseLong).orElse(Long.MAX_VALUE);
            this.durable = options.getBoolean("durable");
            this.count = context.restoredState().map(s -> ByteBuffer.wrap(s).getLong()).orElse(0L);
            openResources.incrementAndGet();
        }

        @Override
        public void write(VectorSchemaRoot batch) {
            BigIntVector ids = (BigIntVector) batch.getVector(0);
            for (int i = 0; i < batch.getRowCount(); i++) {
                if (count >= failAfter) {
                    throw new IllegalStateException("sink failed on purpose");
                }
                written.add(ids.get(i));
                count++;
            }
        }

        @Override
        public SinkCheckpoint checkpoint(long epoch, Instant now) {
            sinkCheckpoints.incrementAndGet();
            return new SinkCheckpoint(durable, ByteBuffer.allocate(8).putLong(count).array());
        }

        @Override
        public void commit(long epoch) {
            CheckpointStore checkpoints = store;
            if (checkpoints != null
                    && checkpoints.latest(pipeline).map(CompletedCheckpoint::epoch).orElse(-1L)
                            < epoch) {
                earlyCommits.add(epoch);
            }
            commits.add(epoch);
        }

        @Override
        public void close() {
            openResources.decrementAndGet();
        }
    }
}
