package io.sluice.server.preview;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between a preview pipeline's sink thread and the connection reading the
 * preview. A full buffer holds the pipeline back (the client reads slower than the stream flows);
 * closing it releases a sink waiting on it, and later batches are dropped.
 */
final class PreviewBuffer {
    private static final int CAPACITY_BATCHES = 16;
    private static final long OFFER_WAIT_MILLIS = 100;

    private final BlockingQueue<List<Object[]>> batches =
            new ArrayBlockingQueue<>(CAPACITY_BATCHES);
    private volatile boolean closed;

    /** Called by the sink; waits while the buffer is full and the preview still open. */
    void put(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            while (!closed) {
                if (batches.offer(rows, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch, or {@code null} when none arrived within {@code wait}. */
    List<Object[]> poll(Duration wait) throws InterruptedException {
        return batches.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    void close() {
        closed = true;
        batches.clear();
    }
}
