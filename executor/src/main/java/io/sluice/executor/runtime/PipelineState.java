package io.sluice.executor.runtime;

/** The lifecycle of a running pipeline. */
public enum PipelineState {
    /** Operators are being created and restored. */
    STARTING,
    RUNNING,
    /** A subtask failed; everything is closed and {@link PipelineHandle#failure()} says why. */
    FAILED,
    /** Stopped on request, or every bounded source finished; everything is closed. */
    STOPPED;

    public boolean isTerminal() {
        return this == FAILED || this == STOPPED;
    }
}
