package io.sluice.executor.spi;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a source is given when a pipeline starts.
 *
 * @param options the table's options with aliases resolved and {@code {{ VAR }}} substituted
 * @param restoredState the state this subtask saved in the last completed checkpoint, if any
 * @param badRecords where the source reports records it cannot decode
 */
public record SourceContext(
        String pipeline,
        String operatorId,
        String table,
        int subtask,
        int parallelism,
        RowSchema schema,
        Map<String, String> options,
        Optional<byte[]> restoredState,
        BufferAllocator allocator,
        BadRecordReporter badRecords) {
    public SourceContext {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(operatorId, "operatorId is null");
        requireNonNull(table, "table is null");
        requireNonNull(schema, "schema is null");
        options = Map.copyOf(options);
        requireNonNull(restoredState, "restoredState is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(badRecords, "badRecords is null");
    }
}
