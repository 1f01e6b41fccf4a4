package io.sluice.storage.filesystem;

import java.nio.file.Path;

/**
 * Where a sink subtask's finished files go. Files are always written locally first; {@link
 * #publish} makes one visible in the table in a single step (rename or upload).
 */
interface FileDestination extends AutoCloseable {
    /** The local file to write a file named {@code name} of partition {@code partition} into. */
    Path inProgressFile(String partition, String name);

    /** Makes a finished in-progress file visible in the table as {@code partition/name}. */
    void publish(Path inProgressFile, String partition, String name);

    /** Deletes in-progress files a crashed run of this subtask left behind. */
    void removeLeftovers();

    @Override
    void close();
}
