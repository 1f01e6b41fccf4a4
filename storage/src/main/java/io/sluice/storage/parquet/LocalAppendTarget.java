package io.sluice.storage.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An {@link AppendTarget} over a local file; {@link #sync()} forces it to disk. */
public final class LocalAppendTarget implements AppendTarget {
    private final Path path;
    private final FileChannel channel;
    private long position;

    private LocalAppendTarget(Path path, FileChannel channel, long position) {
        this.path = requireNonNull(path, "path is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.position = position;
    }

    /** Creates {@code path}, which must not exist. */
    public static LocalAppendTarget create(Path path) {
        try {
            return new LocalAppendTarget(
                    path,
                    FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /**
     * Opens {@code path} to append after its first {@code length} bytes; whatever follows them (a
     * run that crashed after its last checkpoint) is cut off.
     */
    public static LocalAppendTarget resume(Path path, long length) {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
            try {
                if (channel.size() < length) {
                    throw new IOException(
                            path + " holds " + channel.size() + " bytes, expected " + length);
                }
                channel.truncate(length);
                channel.force(false);
                channel.position(length);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new LocalAppendTarget(path, channel, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void append(byte[] bytes, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        position += length;
    }

    @Override
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }
}
