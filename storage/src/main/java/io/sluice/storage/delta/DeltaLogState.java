package io.sluice.storage.delta;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version of a Delta table as its log replays to: partition columns, active data files and the
 * latest transaction version per application id.
 *
 * @param activeFiles active data files by their path relative to the table root (decoded)
 */
public record DeltaLogState(
        long version,
        List<String> partitionColumns,
        Map<String, LogFile> activeFiles,
        Map<String, Long> transactions) {
    public DeltaLogState {
        partitionColumns = List.copyOf(partitionColumns);
        activeFiles = Collections.unmodifiableMap(new LinkedHashMap<>(activeFiles));
        transactions = Map.copyOf(transactions);
    }

    /**
     * An active data file.
     *
     * @param relativePath path below the table root, '/'-separated, not URI-encoded
     * @param partitionValues partition values as the log writes them (null for NULL)
     */
    public record LogFile(String relativePath, long size, Map<String, String> partitionValues) {
        public LogFile {
            requireNonNull(relativePath, "relativePath is null");
            // Copied without Map.copyOf: a partition value may be null.
            partitionValues =
                    Collections.unmodifiableMap(
                            new LinkedHashMap<>(
                                    requireNonNull(partitionValues, "partitionValues is null")));
        }
    }

    /** The latest version {@code appId} committed; empty when it never did. */
    public Optional<Long> transactionVersion(String appId) {
        return Optional.ofNullable(transactions.get(appId));
    }
}
