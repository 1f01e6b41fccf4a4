package io.sluice.storage.duckdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The finished Parquet files of a local lake directory, as a reader must see them while compactions
 * run.
 *
 * <p>A compaction commits with a marker file in {@code _compactions/} naming its output file and
 * the files it replaces. It writes the marker before it makes the output visible, and deletes the
 * replaced files only before the marker. A reader therefore lists the visible files first, then
 * reads the markers, and drops the files replaced by an output it saw: it sees either the replaced
 * files or their replacement, never both and never neither.
 */
public final class LakeDirectory {
    static final String MARKERS = "_compactions";
    static final String MARKER_SUFFIX = ".replaced";

    private LakeDirectory() {}

    /** The files a query of {@code directory} reads, in a stable order. */
    public static List<Path> finishedFiles(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Set<Path> visible = new LinkedHashSet<>(listVisible(root));
        if (visible.isEmpty()) {
            return List.of();
        }
        for (Marker marker : markers(root)) {
            if (visible.contains(marker.output())) {
                marker.inputs().forEach(visible::remove);
            }
        }
        return List.copyOf(visible);
    }

    /**
     * Regular files under {@code root} ending in {@code .parquet}, without a path segment starting
     * with {@code .} (files being written) or {@code _} (metadata), sorted by path.
     */
    static List<Path> listVisible(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> isDataFile(root, file)).sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                // A file vanished while listing (a compaction cleaned up): list again.
                return listVisible(root);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean isDataFile(Path root, Path file) {
        if (!file.getFileName().toString().endsWith(".parquet")) {
            return false;
        }
        for (Path segment : root.relativize(file)) {
            String name = segment.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return Files.isRegularFile(file);
    }

    /** A committed compaction: {@code output} replaces {@code inputs}. */
    record Marker(Path file, Instant committed, Path output, List<Path> inputs) {
        Marker {
            requireNonNull(file, "file is null");
            requireNonNull(committed, "committed is null");
            requireNonNull(output, "output is null");
            inputs = List.copyOf(inputs);
        }

        /** First line the output, then one replaced file a line, paths relative to the table. */
        static String format(Path root, Path output, List<Path> inputs) {
            StringBuilder text = new StringBuilder(root.relativize(output).toString()).append('\n');
            for (Path input : inputs) {
                text.append(root.relativize(input)).append('\n');
            }
            return text.toString();
        }
    }

    static List<Marker> markers(Path root) {
        Path directory = root.resolve(MARKERS);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files =
                    listing.filter(file -> file.getFileName().toString().endsWith(MARKER_SUFFIX))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        List<Marker> markers = new ArrayList<>();
        for (Path file : files) {
            try {
                Instant committed = Files.getLastModifiedTime(file).toInstant();
                List<String> lines =
                        Files.readAllLines(file, UTF_8).stream()
                                .filter(line -> !line.isBlank())
                                .toList();
                if (lines.isEmpty()) {
                    continue;
                }
                List<Path> inputs = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    inputs.add(root.resolve(line).normalize());
                }
                markers.add(
                        new Marker(
                                file, committed, root.resolve(lines.get(0)).normalize(), inputs));
            } catch (NoSuchFileException e) {
                // Cleaned up meanwhile: its replaced files are gone too.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return markers;
    }
}
