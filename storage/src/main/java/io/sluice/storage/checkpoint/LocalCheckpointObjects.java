package io.sluice.storage.checkpoint;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checkpoint state as files under a local directory. A file is written under a temporary name,
 * forced to disk and renamed, so a crash leaves either the whole object or none.
 */
public final class LocalCheckpointObjects implements CheckpointObjects {
    private final Path root;

    public LocalCheckpointObjects(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = resolve(key);
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel =
                    FileChannel.open(
                            temporary,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint state " + target, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = resolve(key);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint state " + file, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint state " + file, e);
        }
    }

    @Override
    public String location(String key) {
        return resolve(key).toUri().toString();
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("checkpoint key outside the directory: " + key);
        }
        return file;
    }

    @Override
    public void close() {}
}
