package io.sluice.executor.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named crash points for recovery tests. When the system property {@value #PROPERTY} names a point,
 * the JVM halts at that point (exit status {@value #EXIT_STATUS}, no shutdown hooks, no flushing),
 * as a kill -9 would, after skipping the first {@code sluice.failpoint.skip} hits (default 0).
 * Unarmed points cost one volatile read.
 */
public final class Failpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Failpoints.class);

    public static final String PROPERTY = "sluice.failpoint";
    public static final String SKIP_PROPERTY = "sluice.failpoint.skip";
    public static final int EXIT_STATUS = 86;

    /** At a sink's checkpoint, before it flushes anything. */
    public static final String CHECKPOINT_START = "checkpoint_start";

    /** At a sink's checkpoint, after open files were flushed, before any is finished. */
    public static final String AFTER_FLUSH = "after_flush";

    /** At a sink's checkpoint, after due files were finished (pre-committed). */
    public static final String AFTER_FINALIZE = "after_finalize";

    /** In the coordinator, after the checkpoint is recorded, before any sink commits. */
    public static final String AFTER_CHECKPOINT = "after_checkpoint";

    /** At the start of a sink's commit. */
    public static final String COMMIT_START = "commit_start";

    /** In a sink's commit, between two files made visible. */
    public static final String COMMIT_MIDDLE = "commit_middle";

    /** In a sink's commit, after every file is in its final place, before the table log. */
    public static final String COMMIT_AFTER_FINALIZE = "commit_after_finalize";

    /** In a sink's commit, right before the commit is recorded (table log entry, state). */
    public static final String COMMIT_BEFORE_ACK = "commit_before_ack";

    /** In a sink's commit, after the commit is recorded. */
    public static final String COMMIT_AFTER_ACK = "commit_after_ack";

    private static final String ARMED = System.getProperty(PROPERTY);
    private static final Object LOCK = new Object();
    private static int remainingSkips = Integer.getInteger(SKIP_PROPERTY, 0);

    private Failpoints() {}

    /** Halts the JVM if {@code point} is armed and its skips are used up. */
    public static void hit(String point) {
        if (ARMED == null || !ARMED.equals(point)) {
            return;
        }
        synchronized (LOCK) {
            if (remainingSkips > 0) {
                remainingSkips--;
                return;
            }
            LOG.warn("Failpoint {} reached: halting", point);
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
