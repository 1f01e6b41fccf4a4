package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of one Kafka source subtask. Written only by the subtask's thread (so plain increments
 * of volatile fields are safe) and read by any thread through {@link #snapshot()}.
 */
final class KafkaSourceMetrics {
    private final String pipeline;
    private final String table;
    private final String topic;
    private final int subtask;
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

    KafkaSourceMetrics(String pipeline, String table, String topic, int subtask) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.table = requireNonNull(table, "table is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.subtask = subtask;
    }

    Partition partition(int partition) {
        return partitions.computeIfAbsent(partition, ignored -> new Partition());
    }

    List<KafkaPartitionStatus> snapshot() {
        List<KafkaPartitionStatus> statuses = new ArrayList<>();
        for (Map.Entry<Integer, Partition> entry : partitions.entrySet()) {
            Partition counters = entry.getValue();
            // read last: a record counted as emitted, dropped or dead-lettered is counted as read
            long emitted = counters.emitted;
            long dropped = counters.dropped;
            long deadLettered = counters.deadLettered;
            statuses.add(
                    new KafkaPartitionStatus(
                            pipeline,
                            table,
                            topic,
                            entry.getKey(),
                            subtask,
                            counters.position,
                            optional(counters.committed),
                            optional(counters.endOffset),
                            emitted + dropped + deadLettered,
                            emitted,
                            dropped,
                            deadLettered));
        }
        statuses.sort(java.util.Comparator.comparingInt(KafkaPartitionStatus::partition));
        return statuses;
    }

    private static OptionalLong optional(long offset) {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The counters of one partition; -1 marks an offset not known yet. */
    static final class Partition {
        volatile long position = -1;
        volatile long committed = -1;
        volatile long endOffset = -1;
        volatile long emitted;
        volatile long dropped;
        volatile long deadLettered;
    }
}
