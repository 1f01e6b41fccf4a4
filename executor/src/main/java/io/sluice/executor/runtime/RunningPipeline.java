package io.sluice.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.spi.BadRecordReporter;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline run: {@code parallelism} subtask threads and a coordinator thread.
 *
 * <p>Checkpoints: the coordinator raises the requested epoch every checkpoint interval. Each
 * subtask, between batches, sees the new epoch, snapshots its source, asks its sink to checkpoint
 * and acknowledges. Subtasks share no data, so each subtask's snapshot is consistent on its own; an
 * epoch completes when every subtask acknowledged it and every sink said its rows are durable. A
 * subtask that lagged behind skips to the newest requested epoch; the epochs it skipped never
 * complete, which only delays the next completed one.
 *
 * <p>Two-phase commit: a completed checkpoint is recorded in the {@link CheckpointStore} first;
 * only then does each subtask call {@link Sink#commit(long)} on its sink (from its own thread,
 * between batches). A restored pipeline commits the restored epoch again before reading, which
 * finishes a commit a crash cut short. A stop takes a final checkpoint and commits it.
 */
final class RunningPipeline implements PipelineHandle {
    private static final Logger LOG = LoggerFactory.getLogger(RunningPipeline.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A connector with the options of the table it reads or writes. */
    record Endpoint(ConnectorFactory connector, Map<String, String> options) {
        Endpoint {
            requireNonNull(connector, "connector is null");
            options = Map.copyOf(options);
        }
    }

    private final PipelinePlan plan;
    private final PipelineRunner.Chain chain;
    private final Endpoint source;
    private final Endpoint sink;
    private final Optional<CompletedCheckpoint> restored;
    private final CheckpointStore checkpoints;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final Duration pollWait;

    private final AtomicReference<PipelineState> state =
            new AtomicReference<>(PipelineState.STARTING);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong badRecords = new AtomicLong();
    private final AtomicInteger startedSubtasks = new AtomicInteger();
    private final AtomicInteger finishedSubtasks = new AtomicInteger();
    private final AtomicLong requestedEpoch;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object signal = new Object();
    private final Object checkpointLock = new Object();
    private final TreeMap<Long, PendingCheckpoint> pending = new TreeMap<>();

    /** Sink subtasks that committed each epoch, until all have. */
    private final TreeMap<Long, Integer> commits = new TreeMap<>();

    private final List<Thread> subtasks = new ArrayList<>();

    private volatile long lastCompletedEpoch = -1;

    /** The newest epoch every subtask acknowledged, whether it completed or not. */
    private volatile long resolvedEpoch = -1;

    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile long finalEpoch = Long.MAX_VALUE;
    private volatile boolean stopping;
    private Thread coordinator;

    RunningPipeline(
            PipelinePlan plan,
            PipelineRunner.Chain chain,
            Endpoint source,
            Endpoint sink,
            Optional<CompletedCheckpoint> restored,
            CheckpointStore checkpoints,
            BufferAllocator allocator,
            Clock clock) {
        this.plan = requireNonNull(plan, "plan is null");
        this.chain = requireNonNull(chain, "chain is null");
        this.source = requireNonNull(source, "source is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.restored = requireNonNull(restored, "restored is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.requestedEpoch = new AtomicLong(restored.map(CompletedCheckpoint::epoch).orElse(0L));
        this.pollWait =
                plan.checkpointInterval().compareTo(MAX_POLL_WAIT) < 0
                        ? plan.checkpointInterval()
                        : MAX_POLL_WAIT;
        restored.ifPresent(
                checkpoint -> {
                    lastCompletedEpoch = checkpoint.epoch();
                    for (String key : checkpoint.states().keySet()) {
                        int subtask = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
                        if (subtask >= plan.parallelism()) {
                            LOG.warn(
                                    "pipeline {}: checkpoint {} holds state {} for a subtask"
                                            + " beyond parallelism {}; it is not restored",
                                    plan.pipeline(),
                                    checkpoint.epoch(),
                                    key,
                                    plan.parallelism());
                        }
                    }
                });
    }

    void start() {
        long initialEpoch = requestedEpoch.get();
        LOG.info(
                "pipeline {}: starting {} subtask(s){}",
                plan.pipeline(),
                plan.parallelism(),
                restored.map(cp -> " from checkpoint " + cp.epoch()).orElse(""));
        for (int i = 0; i < plan.parallelism(); i++) {
            int subtask = i;
            Thread thread =
                    new Thread(
                            () -> runSubtask(subtask, initialEpoch),
                            "sluice-" + plan.pipeline() + "-" + subtask);
            thread.setDaemon(true);
            subtasks.add(thread);
        }
        coordinator = new Thread(this::coordinate, "sluice-" + plan.pipeline() + "-coordinator");
        coordinator.setDaemon(true);
        subtasks.forEach(Thread::start);
        coordinator.start();
    }

    @Override
    public String pipeline() {
        return plan.pipeline();
    }

    @Override
    public PipelineState state() {
        return state.get();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public PipelineMetrics metrics() {
        long epoch = lastCompletedEpoch;
        return new PipelineMetrics(
                rowsRead.get(),
                rowsWritten.get(),
                badRecords.get(),
                epoch < 0 ? OptionalLong.empty() : OptionalLong.of(epoch));
    }

    @Override
    public void stop(Duration timeout) {
        if (state.get().isTerminal()) {
            return;
        }
        stopRequested = true;
        wake();
        try {
            if (terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            LOG.warn(
                    "pipeline {}: did not stop within {}; interrupting its subtasks",
                    plan.pipeline(),
                    timeout);
            fail(
                    new SluiceException(
                            ErrorCode.INTERNAL_ERROR,
                            "pipeline " + plan.pipeline() + " did not stop within " + timeout));
            subtasks.forEach(Thread::interrupt);
            terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSubtask(int subtask, long initialEpoch) {
        BufferAllocator subtaskAllocator =
                allocator.newChildAllocator("subtask-" + subtask, 0, allocator.getLimit());
        Source reader = null;
        Sink writer = null;
        List<CalcOperator> calcs = new ArrayList<>();
        try {
            reader = source.connector().createSource(sourceContext(subtask, subtaskAllocator));
            RowSchema schema = chain.source().outputSchema();
            for (CalcSpec spec : chain.calcs()) {
                calcs.add(new CalcOperator(spec, schema, subtaskAllocator));
                schema = spec.outputSchema();
            }
            writer = sink.connector().createSink(sinkContext(subtask, subtaskAllocator));
            long restoredEpoch = restored.map(CompletedCheckpoint::epoch).orElse(-1L);
            if (restoredEpoch >= 0) {
                // a commit cut short by the crash that ended the previous run
                writer.commit(restoredEpoch);
                recordCommit(restoredEpoch);
            }
            if (startedSubtasks.incrementAndGet() == plan.parallelism()) {
                state.compareAndSet(PipelineState.STARTING, PipelineState.RUNNING);
                LOG.info("pipeline {}: running", plan.pipeline());
            }
            loop(subtask, initialEpoch, restoredEpoch, reader, calcs, writer);
        } catch (Throwable t) {
            fail(t);
        } finally {
            closeQuietly(writer, "sink", subtask);
            for (CalcOperator calc : calcs) {
                closeQuietly(calc, "calc", subtask);
            }
            closeQuietly(reader, "source", subtask);
            try {
                subtaskAllocator.close();
            } catch (RuntimeException e) {
                fail(
                        new SluiceException(
                                ErrorCode.INTERNAL_ERROR,
                                "subtask " + subtask + " leaked memory: " + e.getMessage(),
                                e));
            }
            wake();
        }
    }

    private void loop(
            int subtask,
            long initialEpoch,
            long restoredEpoch,
            Source reader,
            List<CalcOperator> calcs,
            Sink writer) {
        long lastEpoch = initialEpoch;
        long lastCommitted = restoredEpoch;
        boolean finished = false;
        while (!aborted) {
            lastCommitted = commitCompleted(reader, writer, lastCommitted);
            long requested = requestedEpoch.get();
            if (requested > lastEpoch) {
                barrier(subtask, requested, reader, writer);
                lastEpoch = requested;
            }
            if (stopping) {
                if (lastEpoch >= finalEpoch) {
                    awaitResolved(finalEpoch);
                    if (!aborted) {
                        commitCompleted(reader, writer, lastCommitted);
                    }
                    return;
                }
                continue;
            }
            if (finished) {
                java.util.concurrent.locks.LockSupport.parkNanos(IDLE_WAIT_NANOS);
                continue;
            }
            VectorSchemaRoot batch = reader.poll(pollWait);
            if (batch != null && batch.getRowCount() > 0) {
                rowsRead.addAndGet(batch.getRowCount());
                VectorSchemaRoot current = batch;
                for (CalcOperator calc : calcs) {
                    current = calc.process(current);
                    if (current.getRowCount() == 0) {
                        break;
                    }
                }
                if (current.getRowCount() > 0) {
                    writer.write(current);
                    rowsWritten.addAndGet(current.getRowCount());
                }
            }
            if (reader.isFinished()) {
                finished = true;
                LOG.debug("pipeline {}: subtask {} read all its input", plan.pipeline(), subtask);
                finishedSubtasks.incrementAndGet();
                wake();
            }
        }
    }

    /**
     * The second phase of the two-phase commit, run by each subtask for its own sink (sinks are
     * single-threaded): once a checkpoint is recorded, its sink commits.
     */
    private long commitCompleted(Source reader, Sink writer, long lastCommitted) {
        long completed = lastCompletedEpoch;
        if (completed > lastCommitted) {
            writer.commit(completed);
            recordCommit(completed);
            reader.checkpointCompleted(completed);
            return completed;
        }
        return lastCommitted;
    }

    private void recordCommit(long epoch) {
        synchronized (checkpointLock) {
            int count = commits.merge(epoch, 1, Integer::sum);
            if (count < plan.parallelism()) {
                return;
            }
            commits.headMap(epoch, true).clear();
        }
        try {
            checkpoints.committed(plan.pipeline(), epoch);
        } catch (RuntimeException e) {
            LOG.warn(
                    "pipeline {}: cannot note that checkpoint {} is committed",
                    plan.pipeline(),
                    epoch,
                    e);
        }
    }

    private void awaitResolved(long epoch) {
        while (!aborted && resolvedEpoch < epoch) {
            java.util.concurrent.locks.LockSupport.parkNanos(IDLE_WAIT_NANOS);
        }
    }

    private void barrier(int subtask, long epoch, Source reader, Sink writer) {
        byte[] sourceState = reader.snapshotState(epoch);
        SinkCheckpoint sinkCheckpoint = writer.checkpoint(epoch, clock.instant());
        acknowledge(subtask, epoch, sourceState, sinkCheckpoint);
    }

    private void acknowledge(
            int subtask, long epoch, byte[] sourceState, SinkCheckpoint sinkCheckpoint) {
        synchronized (checkpointLock) {
            PendingCheckpoint checkpoint =
                    pending.computeIfAbsent(epoch, ignored -> new PendingCheckpoint());
            checkpoint.states.put(
                    CompletedCheckpoint.stateKey(chain.source().id(), subtask), sourceState);
            checkpoint.states.put(
                    CompletedCheckpoint.stateKey(chain.sink().id(), subtask),
                    sinkCheckpoint.state());
            checkpoint.durable &= sinkCheckpoint.allDurable();
            checkpoint.acknowledged++;
            if (checkpoint.acknowledged < plan.parallelism()) {
                return;
            }
            // older epochs lost a subtask that skipped them; they can never complete
            for (Iterator<Long> it = pending.headMap(epoch, true).keySet().iterator();
                    it.hasNext(); ) {
                it.next();
                it.remove();
            }
            try {
                completeCheckpoint(epoch, checkpoint);
            } finally {
                resolvedEpoch = epoch;
            }
        }
    }

    private void completeCheckpoint(long epoch, PendingCheckpoint checkpoint) {
        if (!checkpoint.durable) {
            LOG.debug(
                    "pipeline {}: epoch {} not completed: a sink still has rows that are not"
                            + " durable",
                    plan.pipeline(),
                    epoch);
            return;
        }
        CompletedCheckpoint completed =
                new CompletedCheckpoint(epoch, clock.instant(), checkpoint.states);
        try {
            checkpoints.complete(plan.pipeline(), completed);
            LOG.debug("pipeline {}: checkpoint {} completed", plan.pipeline(), epoch);
            Failpoints.hit(Failpoints.AFTER_CHECKPOINT);
            lastCompletedEpoch = epoch;
        } catch (CheckpointFencedException e) {
            // another server runs this pipeline now: writing on would race it
            fail(e);
        } catch (RuntimeException e) {
            LOG.warn(
                    "pipeline {}: cannot record checkpoint {}; the previous one stays the"
                            + " latest",
                    plan.pipeline(),
                    epoch,
                    e);
        }
    }

    private void coordinate() {
        long intervalNanos = Math.max(1, plan.checkpointInterval().toNanos());
        long next = System.nanoTime() + intervalNanos;
        try {
            synchronized (signal) {
                while (!aborted) {
                    if (stopRequested || finishedSubtasks.get() == plan.parallelism()) {
                        long last = requestedEpoch.get() + 1;
                        finalEpoch = last;
                        requestedEpoch.set(last);
                        stopping = true;
                        LOG.info(
                                "pipeline {}: stopping with final checkpoint {}",
                                plan.pipeline(),
                                last);
                        break;
                    }
                    long now = System.nanoTime();
                    if (now - next >= 0) {
                        requestedEpoch.incrementAndGet();
                        next = now + intervalNanos;
                        continue;
                    }
                    TimeUnit.NANOSECONDS.timedWait(signal, next - now);
                }
            }
            for (Thread subtask : subtasks) {
                subtask.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } finally {
            terminate();
        }
    }

    private void terminate() {
        try {
            allocator.close();
        } catch (RuntimeException e) {
            fail(
                    new SluiceException(
                            ErrorCode.INTERNAL_ERROR,
                            "pipeline " + plan.pipeline() + " leaked memory: " + e.getMessage(),
                            e));
        }
        Throwable cause = failure.get();
        state.set(cause == null ? PipelineState.STOPPED : PipelineState.FAILED);
        if (cause == null) {
            LOG.info(
                    "pipeline {}: stopped after {} rows read, {} written",
                    plan.pipeline(),
                    rowsRead.get(),
                    rowsWritten.get());
        }
        terminated.countDown();
    }

    private void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            LOG.error("pipeline {} failed", plan.pipeline(), cause);
        } else if (failure.get() != cause) {
            failure.get().addSuppressed(cause);
        }
        aborted = true;
        wake();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private SourceContext sourceContext(int subtask, BufferAllocator subtaskAllocator) {
        return new SourceContext(
                plan.pipeline(),
                chain.source().id(),
                chain.source().table(),
                subtask,
                plan.parallelism(),
                chain.source().outputSchema(),
                source.options(),
                restored.flatMap(cp -> cp.state(chain.source().id(), subtask)),
                subtaskAllocator,
                new CountingBadRecordReporter(subtask));
    }

    private SinkContext sinkContext(int subtask, BufferAllocator subtaskAllocator) {
        return new SinkContext(
                plan.pipeline(),
                chain.sink().id(),
                chain.sink().table(),
                subtask,
                plan.parallelism(),
                chain.sink().outputSchema(),
                sink.options(),
                restored.flatMap(cp -> cp.state(chain.sink().id(), subtask)),
                subtaskAllocator);
    }

    private void closeQuietly(AutoCloseable closeable, String what, int subtask) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Throwable t) {
            LOG.warn(
                    "pipeline {}: closing the {} of subtask {} failed",
                    plan.pipeline(),
                    what,
                    subtask,
                    t);
        }
    }

    /** Counts bad records; the payload is never logged since it may hold personal data. */
    private final class CountingBadRecordReporter implements BadRecordReporter {
        private final int subtask;

        CountingBadRecordReporter(int subtask) {
            this.subtask = subtask;
        }

        @Override
        public void report(String location, String reason, byte[] payload) {
            badRecords.incrementAndGet();
            LOG.debug(
                    "pipeline {}: subtask {}: bad record at {}: {}",
                    plan.pipeline(),
                    subtask,
                    location,
                    reason);
        }
    }

    private static final class PendingCheckpoint {
        final Map<String, byte[]> states = new HashMap<>();
        boolean durable = true;
        int acknowledged;
    }
}
