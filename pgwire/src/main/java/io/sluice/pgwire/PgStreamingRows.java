package io.sluice.pgwire;

import java.util.Iterator;

/**
 * Rows that arrive over time, such as a preview of a stream. Before calling {@link #hasNext()} on
 * an iterator that has no row ready, the protocol layer sends the rows it already holds, so the
 * client sees each row soon after it arrives.
 */
public interface PgStreamingRows extends Iterator<Object[]> {
    /** Whether {@link #hasNext()} would answer now without waiting. */
    boolean rowReady();
}
