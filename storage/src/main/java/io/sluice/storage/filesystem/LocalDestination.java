package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.filesystem.SinkState.PendingFile;
import io.sluice.storage.parquet.LocalAppendTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in a local directory. A file is written next to its final place as {@code
 * .<name>.<subtask>.inprogress} (hidden from {@code *.parquet} globs) and renamed atomically when
 * published; the directory is then forced to disk so the rename survives a crash.
 */
final class LocalDestination implements FileDestination {
    private static final Logger log = LoggerFactory.getLogger(LocalDestination.class);
    static final String IN_PROGRESS_SUFFIX = ".inprogress";

    private final Path root;
    private final int subtask;
    private final int parallelism;

    LocalDestination(Path root, int subtask, int parallelism) {
        this.root = requireNonNull(root, "root is null");
        this.subtask = subtask;
        this.parallelism = parallelism;
    }

    @Override
    public LocalAppendTarget create(String partition, String name) {
        Path directory = directory(partition);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return LocalAppendTarget.create(
                directory.resolve("." + name + "." + subtask + IN_PROGRESS_SUFFIX));
    }

    @Override
    public LocalAppendTarget resume(String location, long length) {
        return LocalAppendTarget.resume(Path.of(location), length);
    }

    /** A finished local file is already durable in its directory. */
    @Override
    public PendingFile prepare(PendingFile file) {
        return file;
    }

    @Override
    public void publish(PendingFile file) {
        Path directory = directory(file.partition());
        Path target = directory.resolve(file.name());
        Path source = Path.of(file.location());
        try {
            if (Files.exists(source)) {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    channel.force(true);
                }
                return;
            }
            if (Files.exists(target) && Files.size(target) == file.size()) {
                return; // published before a crash
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
        throw new SluiceException(
                ErrorCode.EXTERNAL_ERROR,
                "cannot publish "
                        + target
                        + ": neither the finished file "
                        + source
                        + " nor a published file of "
                        + file.size()
                        + " bytes exists");
    }

    @Override
    public void removeLeftovers(Set<String> keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> leftovers = new ArrayList<>();
        try {
            // other subtasks clean the same tree at the same time: entries may vanish mid-walk
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(
                                Path file, BasicFileAttributes attributes) {
                            if (isMyLeftover(file) && !keep.contains(file.toString())) {
                                leftovers.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path leftover : leftovers) {
            try {
                if (Files.deleteIfExists(leftover)) {
                    log.info("Removed unfinished file {} of an earlier run", leftover);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + leftover, e);
            }
        }
    }

    /**
     * Each subtask removes its own leftovers; subtask 0 also those of subtasks that no longer exist
     * because the pipeline now runs with less parallelism.
     */
    private boolean isMyLeftover(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(IN_PROGRESS_SUFFIX)) {
            return false;
        }
        String withoutSuffix = name.substring(0, name.length() - IN_PROGRESS_SUFFIX.length());
        int dot = withoutSuffix.lastIndexOf('.');
        int owner;
        try {
            owner = Integer.parseInt(withoutSuffix.substring(dot + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        return owner == subtask || (subtask == 0 && owner >= parallelism);
    }

    private Path directory(String partition) {
        return partition.isEmpty() ? root : root.resolve(partition);
    }

    @Override
    public void close() {}
}
