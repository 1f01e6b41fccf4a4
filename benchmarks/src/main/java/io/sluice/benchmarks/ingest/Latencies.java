package io.sluice.benchmarks.ingest;

import java.util.Arrays;

/** Latency samples in nanoseconds, appended from many threads, read once at the end. */
final class Latencies {
    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The {@code quantile} (0..1) in milliseconds, or NaN without samples. */
    synchronized double percentileMillis(double quantile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(quantile * size) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }
}
