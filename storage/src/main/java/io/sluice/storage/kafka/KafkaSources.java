package io.sluice.storage.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kafka sources running in this process, for the {@code sluice.pipeline_sources} system table
 * and metrics: each source registers when it opens and leaves when it closes.
 */
public final class KafkaSources {
    private static final Set<KafkaSourceMetrics> RUNNING = ConcurrentHashMap.newKeySet();

    private KafkaSources() {}

    static void register(KafkaSourceMetrics metrics) {
        RUNNING.add(metrics);
    }

    static void unregister(KafkaSourceMetrics metrics) {
        RUNNING.remove(metrics);
    }

    /** One entry per partition of every running Kafka source, by pipeline, table and partition. */
    public static List<KafkaPartitionStatus> partitions() {
        List<KafkaPartitionStatus> statuses = new ArrayList<>();
        for (KafkaSourceMetrics metrics : RUNNING) {
            statuses.addAll(metrics.snapshot());
        }
        statuses.sort(
                Comparator.comparing(KafkaPartitionStatus::pipeline)
                        .thenComparing(KafkaPartitionStatus::table)
                        .thenComparingInt(KafkaPartitionStatus::partition));
        return statuses;
    }
}
