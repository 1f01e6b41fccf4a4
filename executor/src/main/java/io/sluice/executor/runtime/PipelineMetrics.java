package io.sluice.executor.runtime;

import java.util.OptionalLong;

/**
 * Counters of one pipeline run, summed over its subtasks.
 *
 * @param lastCompletedEpoch the epoch of the latest checkpoint recorded by this run
 */
public record PipelineMetrics(
        long rowsRead, long rowsWritten, long badRecords, OptionalLong lastCompletedEpoch) {}
