package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Limits of lake queries.
 *
 * @param timeout how long a query may run, from its start to the end of its results
 * @param memoryLimit DuckDB's memory limit shared by all running queries (e.g. {@code 2GB}); empty
 *     for DuckDB's default of 80% of the machine's memory
 * @param threads DuckDB's worker threads; empty for one per core
 */
public record LakeQueryLimits(Duration timeout, Optional<String> memoryLimit, OptionalInt threads) {
    public static final LakeQueryLimits DEFAULT =
            new LakeQueryLimits(Duration.ofMinutes(5), Optional.empty(), OptionalInt.empty());

    public LakeQueryLimits {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(threads, "threads is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        memoryLimit.ifPresent(
                limit -> {
                    if (!limit.matches("(?i)\\s*\\d+(\\.\\d+)?\\s*[kmgt]?i?b\\s*")) {
                        throw new IllegalArgumentException(
                                "memory limit must be a size such as 2GB: " + limit);
                    }
                });
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }
}
