package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in a local directory. A file is written next to its final place as {@code
 * .<name>.<subtask>.inprogress} (hidden from {@code *.parquet} globs) and renamed atomically when
 * finished; the directory is then forced to disk so the rename survives a crash.
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
    public Path inProgressFile(String partition, String name) {
        Path directory = directory(partition);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory.resolve("." + name + "." + subtask + IN_PROGRESS_SUFFIX);
    }

    @Override
    public void publish(Path inProgressFile, String partition, String name) {
        Path directory = directory(partition);
        try {
            Files.move(inProgressFile, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + name + " in " + directory, e);
        }
    }

    @Override
    public void removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(root)) {
            leftovers = files.filter(this::isMyLeftover).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path leftover : leftovers) {
            try {
                Files.deleteIfExists(leftover);
                log.info("Removed unfinished file {} of an earlier run", leftover);
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
