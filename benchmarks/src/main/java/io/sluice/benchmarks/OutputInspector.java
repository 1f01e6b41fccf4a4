package io.sluice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Summarises the Parquet files an engine committed under a directory. Hidden files (names starting
 * with {@code .} or {@code _}) are in-progress or marker files and are not counted. Rows are
 * counted and checksummed by DuckDB, the same reader for every engine, so equal figures mean equal
 * row sets whatever wrote them.
 */
public final class OutputInspector {
    // Keeps the sum of 64-bit hashes within a long for any realistic row count.
    private static final long CHECKSUM_MODULUS = 1_000_000_007L;

    private OutputInspector() {}

    public static OutputSummary inspect(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new OutputSummary(0, 0, OptionalLong.of(0), OptionalLong.of(0));
        }
        List<Path> files = committedFiles(directory);
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.isEmpty()) {
            return new OutputSummary(0, 0, OptionalLong.of(0), OptionalLong.of(0));
        }
        String fileList =
                files.stream()
                        .map(file -> "'" + file.toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
        String sql =
                "SELECT count(*), coalesce(sum(hash(id) % "
                        + CHECKSUM_MODULUS
                        + "), 0) FROM read_parquet("
                        + fileList
                        + ")";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return new OutputSummary(
                    files.size(),
                    bytes,
                    OptionalLong.of(result.getLong(1)),
                    OptionalLong.of(result.getLong(2)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Parquet files in " + directory, e);
        }
    }

    static List<Path> committedFiles(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .filter(OutputInspector::isVisible)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isVisible(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.startsWith("_");
    }
}
