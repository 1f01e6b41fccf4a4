package io.sluice.storage.duckdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of local Parquet lake directories: many small finished files become a few files of
 * about a target size, while writers keep adding files.
 *
 * <p>Protocol (see {@link LakeDirectory} for the reader's side), per group of small files in one
 * partition directory:
 *
 * <ol>
 *   <li>the group is chosen among the finished files present when the compaction starts; files that
 *       appear later, files being written and files named by a pending marker are left alone;
 *   <li>the group is rewritten into a hidden temporary file ({@code .compacted-<id>.parquet.tmp});
 *   <li>a marker {@code _compactions/<id>.replaced} naming the output and the group is written
 *       under a temporary name and moved into place atomically;
 *   <li>the output is renamed to its visible name atomically — this is the commit;
 *   <li>once the marker is older than the grace period, the replaced files are deleted, then the
 *       marker.
 * </ol>
 *
 * Readers list files at query start and may read them until the query ends, so the grace period
 * must be longer than the longest query (the lake query timeout). A crash before step 4 leaves a
 * marker whose output is not visible; the next compaction removes it. One compaction at a time per
 * directory within this process; compactions of one directory from several processes are not
 * supported. Thread-safe.
 */
public final class LakeMaintenance {
    private static final Logger log = LoggerFactory.getLogger(LakeMaintenance.class);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Duration gracePeriod;
    private final Clock clock;

    /**
     * @param gracePeriod how long replaced files stay after a compaction commits; at least the
     *     longest time a query may run
     */
    public LakeMaintenance(Duration gracePeriod) {
        this(gracePeriod, Clock.systemUTC());
    }

    LakeMaintenance(Duration gracePeriod, Clock clock) {
        this.gracePeriod = requireNonNull(gracePeriod, "gracePeriod is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod is negative");
        }
    }

    /** What a compaction did. */
    public record CompactionResult(int filesReplaced, int filesWritten, int filesDeleted) {}

    /**
     * Rewrites the finished files of {@code directory} smaller than {@code targetSize} bytes into
     * files of about that size, one partition directory at a time, then deletes files replaced more
     * than the grace period ago.
     */
    public CompactionResult compact(Path directory, long targetSize) {
        requireNonNull(directory, "directory is null");
        if (targetSize <= 0) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION, "target file size must be positive: " + targetSize);
        }
        Path root = directory.toAbsolutePath().normalize();
        synchronized (LOCKS.computeIfAbsent(root, key -> new Object())) {
            int deleted = cleanUp(root);
            Set<Path> pending = new HashSet<>();
            for (LakeDirectory.Marker marker : LakeDirectory.markers(root)) {
                pending.add(marker.output());
                pending.addAll(marker.inputs());
            }
            Map<Path, List<Path>> smallFilesByPartition = new LinkedHashMap<>();
            for (Path file : LakeDirectory.finishedFiles(root)) {
                if (!pending.contains(file) && size(file) < targetSize) {
                    smallFilesByPartition
                            .computeIfAbsent(file.getParent(), key -> new ArrayList<>())
                            .add(file);
                }
            }
            int replaced = 0;
            int written = 0;
            try (Connection duckdb = openDuckDb(); ) {
                for (List<Path> files : smallFilesByPartition.values()) {
                    for (List<Path> group : groups(files, targetSize)) {
                        rewrite(duckdb, root, group);
                        replaced += group.size();
                        written++;
                    }
                }
            } catch (SQLException e) {
                throw new SluiceException(
                        ErrorCode.INTERNAL_ERROR,
                        "cannot compact " + root + ": " + e.getMessage(),
                        e);
            }
            deleted += cleanUp(root);
            log.info(
                    "Compacted {}: {} files replaced by {}, {} deleted",
                    root,
                    replaced,
                    written,
                    deleted);
            return new CompactionResult(replaced, written, deleted);
        }
    }

    /**
     * Deletes the files replaced by compactions committed more than the grace period ago, and
     * markers of compactions that never committed. Returns how many data files were deleted.
     */
    public int cleanUp(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        synchronized (LOCKS.computeIfAbsent(root, key -> new Object())) {
            int deleted = 0;
            Instant expiry = clock.instant().minus(gracePeriod);
            for (LakeDirectory.Marker marker : LakeDirectory.markers(root)) {
                try {
                    if (!Files.exists(marker.output())) {
                        // Never committed: the replaced files are still the live ones.
                        Files.deleteIfExists(marker.file());
                    } else if (!marker.committed().isAfter(expiry)) {
                        for (Path input : marker.inputs()) {
                            if (Files.deleteIfExists(input)) {
                                deleted++;
                            }
                        }
                        Files.deleteIfExists(marker.file());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clean up " + marker.file(), e);
                }
            }
            return deleted;
        }
    }

    /** Consecutive files packed until each group reaches the target; single files stay. */
    static List<List<Path>> groups(List<Path> files, long targetSize) {
        List<List<Path>> groups = new ArrayList<>();
        List<Path> current = new ArrayList<>();
        long currentSize = 0;
        for (Path file : files) {
            current.add(file);
            currentSize += size(file);
            if (currentSize >= targetSize) {
                if (current.size() > 1) {
                    groups.add(current);
                }
                current = new ArrayList<>();
                currentSize = 0;
            }
        }
        if (current.size() > 1) {
            groups.add(current);
        }
        return groups;
    }

    private static void rewrite(Connection duckdb, Path root, List<Path> group)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        Path partition = group.get(0).getParent();
        Path output = partition.resolve("compacted-" + id + ".parquet");
        Path temporary = partition.resolve(".compacted-" + id + ".parquet.tmp");
        Path markers = root.resolve(LakeDirectory.MARKERS);
        Path marker = markers.resolve(id + LakeDirectory.MARKER_SUFFIX);
        Path temporaryMarker = markers.resolve("." + id + ".tmp");
        List<String> inputs = new ArrayList<>();
        for (Path file : group) {
            inputs.add(LakeQueryEngine.stringLiteral(file.toString()));
        }
        try {
            try (Statement statement = duckdb.createStatement()) {
                statement.execute(
                        "COPY (SELECT * FROM read_parquet(["
                                + String.join(", ", inputs)
                                + "], union_by_name = true)) TO "
                                + LakeQueryEngine.stringLiteral(temporary.toString())
                                + " (FORMAT parquet, COMPRESSION zstd)");
            }
            force(temporary);
            Files.createDirectories(markers);
            Files.writeString(
                    temporaryMarker, LakeDirectory.Marker.format(root, output, group), UTF_8);
            force(temporaryMarker);
            Files.move(temporaryMarker, marker, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(markers);
            Files.move(temporary, output, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(partition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact files in " + partition, e);
        } finally {
            deleteQuietly(temporary);
            deleteQuietly(temporaryMarker);
        }
    }

    private static Connection openDuckDb() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement statement = connection.createStatement()) {
            // Compaction runs beside queries and pipelines: one core is enough.
            statement.execute("SET threads = 1");
            statement.execute("SET preserve_insertion_order = true");
        }
        return connection;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + file, e);
        }
    }
}
