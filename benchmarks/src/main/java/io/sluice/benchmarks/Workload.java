package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

/**
 * Events preloaded into a topic before any engine runs: {@code events} records of {@code bytes}
 * bytes in total, {@code matchingEvents} of which have {@code type = 'account_created'} and so are
 * the rows every engine must write.
 */
public record Workload(
        String bootstrapServers,
        String topic,
        int partitions,
        long events,
        long bytes,
        long matchingEvents) {
    public Workload {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        if (partitions < 1 || events < 0 || bytes < 0 || matchingEvents < 0) {
            throw new IllegalArgumentException("invalid workload figures");
        }
    }
}
