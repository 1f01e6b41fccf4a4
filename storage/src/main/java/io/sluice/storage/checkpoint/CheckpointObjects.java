package io.sluice.storage.checkpoint;

import java.util.Optional;

/**
 * Where the state of completed checkpoints is kept: a directory or an S3 prefix named by the
 * server's checkpoint URL. The catalog records which object holds each checkpoint; an object is
 * written before its checkpoint is recorded and deleted only after the record is gone, so a
 * recorded checkpoint always finds its state.
 */
public interface CheckpointObjects extends AutoCloseable {
    /** Stores {@code bytes} under {@code key} durably, replacing an earlier object of that key. */
    void put(String key, byte[] bytes);

    /** The object under {@code key}, empty when there is none. */
    Optional<byte[]> get(String key);

    /** Deletes the object under {@code key}; nothing happens when there is none. */
    void delete(String key);

    /** The full address of {@code key}, for messages and the checkpoint history. */
    String location(String key);

    @Override
    void close();
}
