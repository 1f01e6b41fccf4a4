package io.sluice.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.TestTables;
import io.sluice.storage.cache.ObjectCache;
import io.sluice.storage.cache.S3LakeFiles;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3Uploader;
import io.sluice.testing.EmbeddedS3;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class LakeS3QueryTest {
    private static final int FILES = 6;
    private static final int ROWS_PER_FILE = 500;

    @TempDir static Path s3Directory;
    @TempDir Path staging;
    @TempDir Path cacheDirectory;
    @TempDir Path lake;

    private static EmbeddedS3 s3;
    private S3Client client;
    private BufferAllocator allocator;
    private long fileSize;
    private String tablePrefix;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start(s3Directory);
        s3.createBucket("lake");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        // Each test has its own table under a fresh prefix.
        tablePrefix = "tables/wide-" + UUID.randomUUID() + "/";
        client = S3Clients.create(settings());
        allocator = new RootAllocator();
        S3Uploader uploader = new S3Uploader(client);
        for (int i = 0; i < FILES; i++) {
            Path file = staging.resolve("part-" + i + ".parquet");
            WideFiles.write(allocator, file, (long) i * ROWS_PER_FILE, ROWS_PER_FILE);
            fileSize = Math.max(fileSize, Files.size(file));
            String partition = i % 2 == 0 ? "2025/01/15" : "2025/01/16";
            uploader.upload(file, "lake", tablePrefix + "" + partition + "/part-" + i + ".parquet");
        }
        // Neither data of this table nor finished: never read.
        client.putObject(
                request ->
                        request.bucket("lake").key(tablePrefix + "2025/01/15/.part-9.inprogress"),
                RequestBody.fromString("garbage"));
        client.putObject(
                request -> request.bucket("lake").key(tablePrefix + "_delta_log/0.parquet"),
                RequestBody.fromString("garbage"));
        client.putObject(
                request ->
                        request.bucket("lake")
                                .key(
                                        tablePrefix.substring(0, tablePrefix.length() - 1)
                                                + "-other/part-0.parquet"),
                RequestBody.fromString("garbage"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        allocator.close();
    }

    private S3Settings settings() {
        return new S3Settings(
                Optional.of(s3.endpoint()),
                s3.region(),
                Optional.of(s3.accessKey()),
                Optional.of(s3.secretKey()),
                true);
    }

    private LakeTable wide() {
        return new LakeTable(
                "wide",
                TestTables.WIDE,
                LakeLocation.parse("s3://lake/" + tablePrefix, settings()));
    }

    private static List<List<Object>> rows(LakeQueryEngine engine, String sql, LakeTable table) {
        List<List<Object>> rows = new ArrayList<>();
        try (LakeResult result = engine.query(sql, Map.of(table.name(), table))) {
            result.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void queriesObjectsThroughTheCacheAndDownloadsEachOnce() {
        long total = (long) FILES * ROWS_PER_FILE;
        // Reference: ids 0..total-1, every tenth row has null columns.
        long expectedSum = total * (total - 1) / 2;
        ObjectCache cache = new ObjectCache(cacheDirectory, 1L << 30);
        try (S3LakeFiles files = new S3LakeFiles(cache);
                LakeQueryEngine engine =
                        new LakeQueryEngine(
                                List.of(lake), LakeQueryLimits.DEFAULT, Optional.of(files))) {
            assertThat(rows(engine, "SELECT count(*), sum(id), count(name) FROM wide", wide()))
                    .containsExactly(
                            List.of(total, new BigDecimal(expectedSum), total - total / 10));
            assertThat(cache.downloads()).isEqualTo(FILES);

            assertThat(rows(engine, "SELECT count(*) FROM wide WHERE id % 2 = 0", wide()))
                    .containsExactly(List.of(total / 2));
            assertThat(cache.downloads()).as("second query served from the cache").isEqualTo(FILES);
        }
    }

    @Test
    void staysCorrectWhenTheCacheHoldsLessThanTheTable() {
        long limit = fileSize * 2 + fileSize / 2;
        ObjectCache cache = new ObjectCache(cacheDirectory, limit);
        try (S3LakeFiles files = new S3LakeFiles(cache);
                LakeQueryEngine engine =
                        new LakeQueryEngine(
                                List.of(lake), LakeQueryLimits.DEFAULT, Optional.of(files))) {
            for (int round = 0; round < 3; round++) {
                assertThat(rows(engine, "SELECT count(*), count(DISTINCT id) FROM wide", wide()))
                        .containsExactly(
                                List.of(
                                        (long) FILES * ROWS_PER_FILE,
                                        (long) FILES * ROWS_PER_FILE));
                assertThat(cache.sizeInBytes()).isLessThanOrEqualTo(limit);
            }
            // Every query needed all files but only two fit: evicted ones were fetched again.
            assertThat(cache.downloads()).isGreaterThan(FILES);
        }
    }

    @Test
    void newObjectsAppearInTheNextQuery() throws Exception {
        ObjectCache cache = new ObjectCache(cacheDirectory, 1L << 30);
        try (S3LakeFiles files = new S3LakeFiles(cache);
                LakeQueryEngine engine =
                        new LakeQueryEngine(
                                List.of(lake), LakeQueryLimits.DEFAULT, Optional.of(files))) {
            assertThat(rows(engine, "SELECT count(*) FROM wide", wide()))
                    .containsExactly(List.of((long) FILES * ROWS_PER_FILE));
            Path extra = staging.resolve("extra.parquet");
            WideFiles.write(allocator, extra, 1_000_000, 10);
            new S3Uploader(client).upload(extra, "lake", tablePrefix + "2025/01/17/extra.parquet");
            assertThat(rows(engine, "SELECT count(*) FROM wide", wide()))
                    .containsExactly(List.of((long) FILES * ROWS_PER_FILE + 10));
            assertThat(cache.downloads()).isEqualTo(FILES + 1);
        }
    }
}
