package io.sluice.executor.spi;

import static java.util.Objects.requireNonNull;

/**
 * A sink's answer to a checkpoint barrier.
 *
 * @param allDurable true when every row written so far is covered: durable in the table, or
 *     recoverable from {@code state} and made visible by {@link Sink#commit(long)}; only then may
 *     the checkpoint record the source positions taken at the barrier, since rows that are not
 *     covered would otherwise be skipped on recovery
 * @param state the sink's own state for recovery (may be empty)
 */
public record SinkCheckpoint(boolean allDurable, byte[] state) {
    public SinkCheckpoint {
        requireNonNull(state, "state is null");
    }

    public static SinkCheckpoint durable() {
        return new SinkCheckpoint(true, new byte[0]);
    }

    public static SinkCheckpoint pending() {
        return new SinkCheckpoint(false, new byte[0]);
    }

    /**
     * Every row written so far is recoverable from {@code state}; the sink makes it visible when
     * the checkpoint is committed.
     */
    public static SinkCheckpoint prepared(byte[] state) {
        return new SinkCheckpoint(true, state);
    }
}
