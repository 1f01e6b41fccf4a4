package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data file at its final place in a table.
 *
 * @param relativePath the path below the table root, '/'-separated
 * @param partitionValues the values of the {@code partitioning.fields} columns, as text (null for
 *     SQL NULL)
 */
public record CommittedFile(
        String relativePath, Map<String, String> partitionValues, long size, long rows) {
    public CommittedFile {
        requireNonNull(relativePath, "relativePath is null");
        partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
    }
}
