package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What one running Kafka source knows about one of its partitions: positions and record counts
 * since the pipeline started. Counts always balance: {@code read = emitted + dropped +
 * deadLettered}.
 *
 * @param position the next offset the source will read
 * @param committedOffset the next offset after the last completed checkpoint (what was committed to
 *     the consumer group, if any); empty before the first checkpoint
 * @param endOffset the partition's end offset as last seen by the consumer; empty until known
 */
public record KafkaPartitionStatus(
        String pipeline,
        String table,
        String topic,
        int partition,
        int subtask,
        long position,
        OptionalLong committedOffset,
        OptionalLong endOffset,
        long read,
        long emitted,
        long dropped,
        long deadLettered) {
    public KafkaPartitionStatus {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(table, "table is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(committedOffset, "committedOffset is null");
        requireNonNull(endOffset, "endOffset is null");
    }

    /** Records in the partition not read yet; empty while the end offset is unknown. */
    public OptionalLong lag() {
        return endOffset.isPresent()
                ? OptionalLong.of(Math.max(0, endOffset.getAsLong() - position))
                : OptionalLong.empty();
    }
}
