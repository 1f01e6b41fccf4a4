package io.sluice.server.preview;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.runtime.PipelineHandle;
import io.sluice.executor.runtime.PipelineState;
import io.sluice.pgwire.PgException;
import io.sluice.pgwire.PgSqlState;
import io.sluice.pgwire.PgStreamingRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one running preview, in arrival order. Reading waits for rows until the preview's
 * limit is reached or its deadline passes, then the preview ends like a finished query; a cancel
 * while a reader waits ends it with {@code 57014}. Closing stops the preview pipeline, which frees
 * its memory.
 */
public final class PreviewStream implements PgStreamingRows, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewStream.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final PipelineHandle pipeline;
    private final PreviewBuffer buffer;
    private final Runnable onClose;
    private final OptionalLong limit;
    private final Instant deadline;
    private final Clock clock;
    private final Consumer<String> endNotice;
    private long toSkip;
    private long returned;
    private Iterator<Object[]> batch = List.<Object[]>of().iterator();
    private boolean ended;
    private volatile boolean closed;
    private volatile boolean reading;
    private volatile boolean canceled;

    PreviewStream(
            PipelineHandle pipeline,
            PreviewBuffer buffer,
            Runnable onClose,
            PreviewQuery query,
            Duration timeout,
            Clock clock,
            Consumer<String> endNotice) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.buffer = requireNonNull(buffer, "buffer is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.limit = query.limit();
        this.toSkip = query.offset();
        this.clock = requireNonNull(clock, "clock is null");
        this.deadline = clock.instant().plus(timeout);
        this.endNotice = requireNonNull(endNotice, "endNotice is null");
    }

    @Override
    public boolean rowReady() {
        return ended || batch.hasNext() || limitReached();
    }

    @Override
    public boolean hasNext() {
        if (ended || limitReached()) {
            end();
            return false;
        }
        if (batch.hasNext()) {
            return true;
        }
        reading = true;
        try {
            while (true) {
                if (canceled) {
                    end();
                    throw new PgException(
                            PgSqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
                checkPipeline();
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    end();
                    endNotice.accept(
                            "preview ended after its timeout (preview_timeout) with "
                                    + returned
                                    + " rows");
                    return false;
                }
                List<Object[]> rows = buffer.poll(left.compareTo(POLL) < 0 ? left : POLL);
                if (rows != null && skip(rows)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
            throw new PgException(PgSqlState.QUERY_CANCELED, "preview interrupted");
        } finally {
            reading = false;
        }
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return batch.next();
    }

    /** Ends a read in progress with {@code 57014}; a preview nobody reads goes on. */
    public void cancelIfReading() {
        if (reading) {
            canceled = true;
        }
    }

    /** Whether the preview ended and its pipeline stopped. */
    public boolean isClosed() {
        return closed;
    }

    /** Applies the OFFSET to a new batch; returns whether rows of it remain to return. */
    private boolean skip(List<Object[]> rows) {
        int from = (int) Math.min(toSkip, rows.size());
        toSkip -= from;
        batch = rows.subList(from, rows.size()).iterator();
        return batch.hasNext();
    }

    private boolean limitReached() {
        return limit.isPresent() && returned >= limit.getAsLong();
    }

    private void checkPipeline() {
        PipelineState state = pipeline.state();
        if (state == PipelineState.FAILED) {
            Throwable failure = pipeline.failure().orElse(null);
            end();
            throw new PgException(
                    PgSqlState.INTERNAL_ERROR,
                    "preview failed: "
                            + (failure == null || failure.getMessage() == null
                                    ? "pipeline failed"
                                    : failure.getMessage()));
        }
    }

    /** The preview has given all it will: stop reading the stream now. */
    private void end() {
        ended = true;
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ended = true;
        buffer.close();
        try {
            pipeline.stop(STOP_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("stopping preview {} failed", pipeline.pipeline(), e);
        } finally {
            onClose.run();
        }
    }
}
