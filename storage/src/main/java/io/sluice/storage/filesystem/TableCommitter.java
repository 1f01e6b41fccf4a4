package io.sluice.storage.filesystem;

import java.util.List;

/**
 * Records published files in a table log (Delta Lake); a plain directory of files needs none.
 *
 * <p>{@link #commit} is called from {@link io.sluice.executor.spi.Sink#commit(long)} after every
 * file is at its final place, with the files of every checkpoint up to {@code epoch} not committed
 * yet. It must be idempotent per epoch: a commit cut short by a crash runs again after the restart,
 * with the same files and epoch.
 */
public interface TableCommitter extends AutoCloseable {
    void commit(long epoch, List<CommittedFile> files);

    @Override
    default void close() {}
}
