package io.sluice.storage.filesystem;

import io.sluice.storage.filesystem.SinkState.PendingFile;
import io.sluice.storage.parquet.LocalAppendTarget;
import java.util.Set;

/**
 * Where a sink subtask's files go. Files are always written locally first, under a hidden
 * in-progress name; {@link #prepare} makes a finished one durable wherever the table lives without
 * making it visible, and {@link #publish} makes it visible in one step (rename, or completing a
 * multipart upload).
 */
interface FileDestination extends AutoCloseable {
    /** Creates the local file to write {@code partition/name} into. */
    LocalAppendTarget create(String partition, String name);

    /** Opens the local file at {@code location} again, cut back to {@code length} bytes. */
    LocalAppendTarget resume(String location, long length);

    /**
     * First phase of the commit for a finished file: makes it durable where the table lives,
     * invisible to readers.
     */
    PendingFile prepare(PendingFile file);

    /**
     * Second phase: makes a prepared file visible at its final name. Idempotent: a file already
     * published with the expected size is accepted.
     */
    void publish(PendingFile file);

    /**
     * Deletes in-progress files a crashed run of this subtask left behind, except those at {@code
     * keep}, which the restored checkpoint still needs.
     */
    void removeLeftovers(Set<String> keep);

    @Override
    void close();
}
