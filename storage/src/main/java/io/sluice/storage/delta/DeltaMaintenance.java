package io.sluice.storage.delta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIMIZE and VACUUM of local Delta tables.
 *
 * <p>OPTIMIZE rewrites the small files of each partition into files of about a target size and
 * records the swap as ONE commit of {@code remove} and {@code add} actions with {@code dataChange =
 * false}, so readers of any version see the same rows and streaming readers see no new data. The
 * commit is written as the next log entry with an atomic create-if-absent; when a concurrent writer
 * (a pipeline appending) took that version first, the rewrite is kept and committed at the next
 * version, provided every file it replaces is still active. VACUUM deletes data files that the
 * latest version does not reference and that are older than the retention.
 */
public final class DeltaMaintenance {
    private static final Logger log = LoggerFactory.getLogger(DeltaMaintenance.class);
    private static final int MAX_COMMIT_ATTEMPTS = 20;
    private static final String LOG_DIRECTORY = "_delta_log";

    private DeltaMaintenance() {}

    /** What an OPTIMIZE did. */
    public record OptimizeResult(
            long version, int filesRemoved, int filesAdded, long rowsRewritten) {}

    /** What a VACUUM did. */
    public record VacuumResult(int filesDeleted, long bytesDeleted) {}

    /**
     * Rewrites, per partition accepted by {@code partitions}, the files under {@code targetSize}
     * bytes when there are at least {@code minFiles} of them.
     *
     * @return version 0 files when there was nothing to do (version is then the latest)
     */
    public static OptimizeResult optimize(
            Path directory,
            long targetSize,
            int minFiles,
            Predicate<Map<String, String>> partitions) {
        requireNonNull(directory, "directory is null");
        requireNonNull(partitions, "partitions is null");
        Path root = directory.toAbsolutePath().normalize();
        DeltaTableFiles.Version snapshot =
                DeltaTableFiles.latest(root)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "there is no Delta table in " + root));
        Map<Map<String, String>, List<DeltaTableFiles.DataFile>> small = new LinkedHashMap<>();
        for (DeltaTableFiles.DataFile file : snapshot.dataFiles()) {
            if (file.size() < targetSize && partitions.test(file.partitionValues())) {
                small.computeIfAbsent(file.partitionValues(), ignored -> new ArrayList<>())
                        .add(file);
            }
        }
        List<DeltaTableFiles.DataFile> removed = new ArrayList<>();
        List<Written> added = new ArrayList<>();
        long rows = 0;
        try (Connection duckdb = duckdb();
                Statement statement = duckdb.createStatement()) {
            for (List<DeltaTableFiles.DataFile> files : small.values()) {
                if (files.size() < Math.max(2, minFiles)) {
                    continue;
                }
                for (List<DeltaTableFiles.DataFile> bin : bins(files, targetSize)) {
                    if (bin.size() < 2) {
                        continue;
                    }
                    Written output = rewrite(statement, root, bin);
                    added.add(output);
                    removed.addAll(bin);
                    rows += output.rows();
                }
            }
        } catch (SQLException e) {
            added.forEach(output -> deleteQuietly(output.path()));
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot rewrite files of Delta table " + root + ": " + e.getMessage(),
                    e);
        }
        if (added.isEmpty()) {
            return new OptimizeResult(snapshot.version(), 0, 0, 0);
        }
        long version = commit(root, snapshot.version(), removed, added, targetSize);
        log.info(
                "Optimized Delta table {}: {} files into {} as version {}",
                root,
                removed.size(),
                added.size(),
                version);
        return new OptimizeResult(version, removed.size(), added.size(), rows);
    }

    /**
     * Deletes data files under {@code directory} that the latest version does not reference and
     * whose last modification is older than {@code retention}.
     */
    public static VacuumResult vacuum(Path directory, Duration retention) {
        Path root = directory.toAbsolutePath().normalize();
        DeltaTableFiles.Version snapshot =
                DeltaTableFiles.latest(root)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "there is no Delta table in " + root));
        Set<Path> active = new HashSet<>(snapshot.files());
        Instant cutoff = Instant.now().minus(retention);
        int deleted = 0;
        long bytes = 0;
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(root)) {
            candidates =
                    files.filter(Files::isRegularFile)
                            .filter(file -> isDataFile(root, file))
                            .sorted(Comparator.naturalOrder())
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path file : candidates) {
            if (active.contains(file)) {
                continue;
            }
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    long size = Files.size(file);
                    if (Files.deleteIfExists(file)) {
                        deleted++;
                        bytes += size;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
        log.info("Vacuumed Delta table {}: {} files, {} bytes", root, deleted, bytes);
        return new VacuumResult(deleted, bytes);
    }

    /** Data files: not in the log, not hidden ({@code .}) and not metadata ({@code _}). */
    private static boolean isDataFile(Path root, Path file) {
        for (Path segment : root.relativize(file)) {
            String name = segment.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    /** Groups files, smallest first, into bins of at most about {@code targetSize} bytes. */
    private static List<List<DeltaTableFiles.DataFile>> bins(
            List<DeltaTableFiles.DataFile> files, long targetSize) {
        List<DeltaTableFiles.DataFile> sorted =
                files.stream()
                        .sorted(Comparator.comparingLong(DeltaTableFiles.DataFile::size))
                        .toList();
        List<List<DeltaTableFiles.DataFile>> bins = new ArrayList<>();
        List<DeltaTableFiles.DataFile> current = new ArrayList<>();
        long size = 0;
        for (DeltaTableFiles.DataFile file : sorted) {
            if (!current.isEmpty() && size + file.size() > targetSize) {
                bins.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(file);
            size += file.size();
        }
        if (!current.isEmpty()) {
            bins.add(current);
        }
        return bins;
    }

    private record Written(
            Path path,
            long size,
            long modificationTime,
            long rows,
            Map<String, String> partition) {}

    private static Written rewrite(
            Statement statement, Path root, List<DeltaTableFiles.DataFile> inputs)
            throws SQLException {
        // Next to the first input: the same partition directory.
        Path output =
                inputs.get(0)
                        .path()
                        .resolveSibling("part-" + UUID.randomUUID() + "-optimized.parquet");
        StringBuilder files = new StringBuilder();
        for (DeltaTableFiles.DataFile input : inputs) {
            files.append(files.length() == 0 ? "" : ", ").append(literal(input.path().toString()));
        }
        long rows =
                statement.executeLargeUpdate(
                        "COPY (SELECT * FROM read_parquet(["
                                + files
                                + "], union_by_name = true)) TO "
                                + literal(output.toString())
                                + " (FORMAT parquet, COMPRESSION zstd)");
        try {
            return new Written(
                    output,
                    Files.size(output),
                    Files.getLastModifiedTime(output).toMillis(),
                    rows,
                    inputs.get(0).partitionValues());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long commit(
            Path root,
            long readVersion,
            List<DeltaTableFiles.DataFile> removed,
            List<Written> added,
            long targetSize) {
        Path logDirectory = root.resolve(LOG_DIRECTORY);
        String entry = logEntry(root, removed, added, targetSize, readVersion);
        long version = readVersion + 1;
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            Path target = logDirectory.resolve(String.format(Locale.ROOT, "%020d.json", version));
            try {
                Path temporary = logDirectory.resolve("." + UUID.randomUUID() + ".json.tmp");
                Files.writeString(temporary, entry, UTF_8);
                try {
                    // A hard link fails when the name exists: create-if-absent, atomically.
                    Files.createLink(target, temporary);
                    return version;
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } catch (FileAlreadyExistsException e) {
                // A concurrent commit took this version: retry after it when it left our inputs
                // alone (a pipeline's blind append does).
                DeltaTableFiles.Version latest = DeltaTableFiles.latest(root).orElseThrow();
                Set<Path> active = new HashSet<>(latest.files());
                for (DeltaTableFiles.DataFile file : removed) {
                    if (!active.contains(file.path())) {
                        added.forEach(output -> deleteQuietly(output.path()));
                        throw new SluiceException(
                                ErrorCode.OBJECT_IN_USE,
                                "OPTIMIZE of Delta table "
                                        + root
                                        + " conflicts with a concurrent change of its files;"
                                        + " run it again");
                    }
                }
                log.debug("Delta version {} of {} taken; retrying OPTIMIZE commit", version, root);
                version = latest.version() + 1;
            } catch (IOException e) {
                added.forEach(output -> deleteQuietly(output.path()));
                throw new UncheckedIOException("cannot commit OPTIMIZE of " + root, e);
            }
        }
        added.forEach(output -> deleteQuietly(output.path()));
        throw new SluiceException(
                ErrorCode.OBJECT_IN_USE,
                "OPTIMIZE of Delta table "
                        + root
                        + " lost the commit race too often; run it again");
    }

    private static String logEntry(
            Path root,
            List<DeltaTableFiles.DataFile> removed,
            List<Written> added,
            long targetSize,
            long readVersion) {
        long now = System.currentTimeMillis();
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setRootValueSeparator(null);
            json.writeStartObject();
            json.writeObjectFieldStart("commitInfo");
            json.writeNumberField("timestamp", now);
            json.writeStringField("operation", "OPTIMIZE");
            json.writeObjectFieldStart("operationParameters");
            json.writeStringField("targetSize", Long.toString(targetSize));
            json.writeEndObject();
            json.writeNumberField("readVersion", readVersion);
            json.writeBooleanField("isBlindAppend", false);
            json.writeStringField("engineInfo", DeltaTableCommitter.ENGINE_INFO);
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
            for (DeltaTableFiles.DataFile file : removed) {
                json.writeStartObject();
                json.writeObjectFieldStart("remove");
                json.writeStringField("path", relativePath(root, file.path()));
                json.writeNumberField("deletionTimestamp", now);
                json.writeBooleanField("dataChange", false);
                json.writeBooleanField("extendedFileMetadata", true);
                partitionValues(json, file.partitionValues());
                json.writeNumberField("size", file.size());
                json.writeEndObject();
                json.writeEndObject();
                json.writeRaw('\n');
            }
            for (Written file : added) {
                json.writeStartObject();
                json.writeObjectFieldStart("add");
                json.writeStringField("path", relativePath(root, file.path()));
                partitionValues(json, file.partition());
                json.writeNumberField("size", file.size());
                json.writeNumberField("modificationTime", file.modificationTime());
                json.writeBooleanField("dataChange", false);
                json.writeStringField("stats", "{\"numRecords\":" + file.rows() + "}");
                json.writeEndObject();
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void partitionValues(JsonGenerator json, Map<String, String> values)
            throws IOException {
        json.writeObjectFieldStart("partitionValues");
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue() == null) {
                json.writeNullField(value.getKey());
            } else {
                json.writeStringField(value.getKey(), value.getValue());
            }
        }
        json.writeEndObject();
    }

    /** The log's form of a path: relative to the table, URI-encoded. */
    private static String relativePath(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        try {
            return new URI(null, null, relative, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Connection duckdb() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }
}
