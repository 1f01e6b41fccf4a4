package io.sluice.benchmarks;

import java.util.OptionalLong;

/**
 * What a run left on disk: committed files and their bytes, and, when the files could be read, the
 * number of rows and an order-independent checksum of the rows' ids.
 */
public record OutputSummary(long files, long bytes, OptionalLong rows, OptionalLong checksum) {
    public OutputSummary {
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("files and bytes must not be negative");
        }
        if (rows == null || checksum == null) {
            throw new NullPointerException("rows or checksum is null");
        }
    }

    /** A sink that keeps nothing. */
    public static OutputSummary none() {
        return new OutputSummary(0, 0, OptionalLong.empty(), OptionalLong.empty());
    }
}
