package io.sluice.benchmarks.lake;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.storage.cache.ObjectCache;
import io.sluice.storage.cache.S3LakeFiles;
import io.sluice.storage.duckdb.LakeLocation;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeQueryLimits;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import io.sluice.storage.parquet.ArrowParquetWriter;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.testing.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lake query times: three typical queries (count by day, top-N by a property, point filter) over
 * files written by Sluice's Parquet writer on S3Proxy, with a cold object cache (every object
 * fetched) and a warm one; then DuckDB over Sluice's files beside DuckDB over its own {@code COPY …
 * TO} Parquet of the same rows, both local, with the ratio (goal: at most 1.1).
 *
 * <p>Arguments: {@code --files N} (default 8), {@code --rows-per-file N} (default 50,000), {@code
 * --repeats N} timed runs per warm measurement (default 5), {@code --out DIR} (default
 * benchmarks/results).
 */
public final class LakeQueryBenchmark {
    private static final SqlType TEXT = SqlType.of(TypeKind.TEXT);
    private static final RowSchema SCHEMA =
            new RowSchema(
                    List.of(
                            new Column("id", TEXT),
                            new Column("timestamp", SqlType.of(TypeKind.TIMESTAMPTZ)),
                            new Column("user_id", TEXT),
                            new Column("platform", TEXT),
                            new Column("campaign_id", TEXT)));
    private static final String[] PLATFORMS = {"ios", "android", "web"};
    private static final long START_MICROS =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1000;
    private static final long SPAN_MICROS = 30L * 24 * 3600 * 1_000_000;

    private record Query(String name, String sql) {}

    private static final List<Query> QUERIES =
            List.of(
                    new Query(
                            "count by day",
                            "SELECT date_trunc('day', \"timestamp\") AS day, count(*) FROM events"
                                    + " GROUP BY 1 ORDER BY 1"),
                    new Query(
                            "top 10 campaigns",
                            "SELECT campaign_id, count(DISTINCT user_id) AS users FROM events"
                                    + " GROUP BY campaign_id ORDER BY users DESC LIMIT 10"),
                    new Query("point filter", "SELECT * FROM events WHERE user_id = 'user-4242'"));

    private LakeQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = intArg(args, "--files", 8);
        int rowsPerFile = intArg(args, "--rows-per-file", 50_000);
        int repeats = intArg(args, "--repeats", 5);
        Path out = Path.of(stringArg(args, "--out", "benchmarks/results"));
        Path work = Files.createTempDirectory("sluice-lake-bench-");
        try {
            run(work, files, rowsPerFile, repeats, out);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Path work, int files, int rowsPerFile, int repeats, Path out)
            throws Exception {
        Path sluiceFiles = Files.createDirectories(work.resolve("sluice"));
        List<Path> written = writeSluiceFiles(sluiceFiles, files, rowsPerFile);
        long rows = (long) files * rowsPerFile;
        System.out.printf(
                Locale.ROOT,
                "%d rows in %d files written by Sluice's Parquet writer%n",
                rows,
                files);
        List<String> lines = new ArrayList<>();
        lines.add("# Lake queries");
        lines.add("");
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%,d rows in %d files (Sluice's Parquet writer, ZSTD); %d warm runs per"
                                + " query; %d cores.",
                        rows,
                        files,
                        repeats,
                        Runtime.getRuntime().availableProcessors()));
        lines.add("");

        // S3: cold and warm cache.
        lines.add("## Over S3Proxy through the object cache");
        lines.add("");
        lines.add("| query | cold cache (ms) | warm cache (ms, median) |");
        lines.add("|---|---:|---:|");
        try (EmbeddedS3 s3 = EmbeddedS3.start(Files.createDirectories(work.resolve("s3")))) {
            s3.createBucket("lake");
            S3Settings settings =
                    new S3Settings(
                            Optional.of(s3.endpoint()),
                            s3.region(),
                            Optional.of(s3.accessKey()),
                            Optional.of(s3.secretKey()),
                            true);
            try (S3Client client = S3Clients.create(settings)) {
                for (Path file : written) {
                    client.putObject(
                            request -> request.bucket("lake").key("events/" + file.getFileName()),
                            file);
                }
            }
            LakeTable table =
                    new LakeTable(
                            "events",
                            SCHEMA,
                            new LakeLocation.S3Prefix(settings, "lake", "events"));
            for (Query query : QUERIES) {
                Path cacheDirectory = Files.createTempDirectory(work, "cache-");
                try (S3LakeFiles cache =
                                new S3LakeFiles(new ObjectCache(cacheDirectory, 4L << 30));
                        LakeQueryEngine engine =
                                new LakeQueryEngine(
                                        List.of(sluiceFiles),
                                        LakeQueryLimits.DEFAULT,
                                        Optional.of(cache))) {
                    double cold = time(engine, query.sql(), table);
                    double warm = median(engine, query.sql(), table, repeats);
                    lines.add(
                            String.format(
                                    Locale.ROOT, "| %s | %.1f | %.1f |", query.name(), cold, warm));
                }
            }
        }
        lines.add("");

        // Local: Sluice's files beside DuckDB's own COPY of the same rows.
        Path own = Files.createDirectories(work.resolve("duckdb")).resolve("events.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            StringBuilder list = new StringBuilder();
            for (Path file : written) {
                list.append(list.length() == 0 ? "" : ", ").append('\'').append(file).append('\'');
            }
            statement.execute(
                    "COPY (SELECT * FROM read_parquet(["
                            + list
                            + "])) TO '"
                            + own
                            + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        lines.add("## DuckDB over Sluice's files vs over its own COPY … TO output");
        lines.add("");
        lines.add("| query | Sluice's files (ms) | DuckDB's file (ms) | ratio |");
        lines.add("|---|---:|---:|---:|");
        LakeTable sluiceTable =
                new LakeTable("events", SCHEMA, new LakeLocation.LocalFiles(sluiceFiles, written));
        LakeTable ownTable =
                new LakeTable(
                        "events",
                        SCHEMA,
                        new LakeLocation.LocalFiles(own.getParent(), List.of(own)));
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(sluiceFiles, own.getParent()))) {
            for (Query query : QUERIES) {
                median(engine, query.sql(), sluiceTable, 1);
                median(engine, query.sql(), ownTable, 1);
                double sluice = median(engine, query.sql(), sluiceTable, repeats);
                double duckdb = median(engine, query.sql(), ownTable, repeats);
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %.1f | %.1f | %.2f× |",
                                query.name(),
                                sluice,
                                duckdb,
                                sluice / duckdb));
            }
        }
        lines.forEach(System.out::println);
        Files.createDirectories(out);
        Files.writeString(out.resolve("lake-queries.md"), String.join("\n", lines) + "\n", UTF_8);
        System.out.println("Results written to " + out.resolve("lake-queries.md"));
    }

    private static List<Path> writeSluiceFiles(Path directory, int files, int rowsPerFile) {
        List<Path> written = new ArrayList<>();
        Random random = new Random(42);
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch =
                        VectorSchemaRoot.create(SCHEMA.toArrowSchema(), allocator)) {
            VarCharVector id = (VarCharVector) batch.getVector(0);
            TimeStampMicroTZVector timestamp = (TimeStampMicroTZVector) batch.getVector(1);
            VarCharVector user = (VarCharVector) batch.getVector(2);
            VarCharVector platform = (VarCharVector) batch.getVector(3);
            VarCharVector campaign = (VarCharVector) batch.getVector(4);
            long next = 0;
            for (int f = 0; f < files; f++) {
                batch.allocateNew();
                for (int row = 0; row < rowsPerFile; row++) {
                    id.setSafe(row, ("event-" + next++).getBytes(UTF_8));
                    timestamp.setSafe(
                            row, START_MICROS + (long) (random.nextDouble() * SPAN_MICROS));
                    user.setSafe(row, ("user-" + random.nextInt(100_000)).getBytes(UTF_8));
                    platform.setSafe(row, PLATFORMS[random.nextInt(3)].getBytes(UTF_8));
                    campaign.setSafe(row, ("campaign-" + random.nextInt(200)).getBytes(UTF_8));
                }
                batch.setRowCount(rowsPerFile);
                Path file = directory.resolve("part-" + f + ".parquet");
                try (ArrowParquetWriter writer =
                        ArrowParquetWriter.create(
                                file,
                                SCHEMA,
                                CompressionCodecName.ZSTD,
                                ArrowParquetWriter.DEFAULT_ROW_GROUP_SIZE)) {
                    for (int row = 0; row < rowsPerFile; row++) {
                        writer.write(batch, row);
                    }
                }
                written.add(file);
            }
        }
        return written;
    }

    /** Milliseconds from the start of the query to its last row. */
    private static double time(LakeQueryEngine engine, String sql, LakeTable table) {
        long start = System.nanoTime();
        long rows = 0;
        try (LakeResult result = engine.query(sql, Map.of(table.name(), table))) {
            while (result.hasNext()) {
                result.next();
                rows++;
            }
        }
        if (rows < 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(LakeQueryEngine engine, String sql, LakeTable table, int runs) {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = time(engine, sql, table);
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
