package io.sluice.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.spi.Sink;
import io.sluice.storage.TestTables;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import io.sluice.storage.filesystem.FilesystemConnectorFactory;
import io.sluice.storage.filesystem.FilesystemSink;
import io.sluice.testing.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3SinkTest {
    @TempDir Path s3Directory;
    @TempDir Path staging;
    @TempDir Path download;

    private EmbeddedS3 s3;
    private BufferAllocator allocator;
    private S3Client client;

    @BeforeEach
    void setUp() {
        s3 = EmbeddedS3.start(s3Directory);
        s3.createBucket("lake");
        allocator = new RootAllocator();
        client = S3Clients.create(settings());
    }

    @AfterEach
    void tearDown() {
        client.close();
        allocator.close();
        s3.close();
    }

    private S3Settings settings() {
        return new S3Settings(
                java.util.Optional.of(s3.endpoint()),
                s3.region(),
                java.util.Optional.of(s3.accessKey()),
                java.util.Optional.of(s3.secretKey()),
                true);
    }

    @Test
    void sinkUploadsFinishedFilesUnderThePrefix() throws Exception {
        System.setProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY, staging.toString());
        Map<String, String> options =
                Map.of(
                        "path",
                        "s3://lake/data/account_created",
                        "time_partition_pattern",
                        "%Y/%m/%d/%H",
                        "s3.endpoint",
                        s3.endpoint().toString(),
                        "s3.access_key_id",
                        s3.accessKey(),
                        "s3.secret_access_key",
                        s3.secretKey(),
                        "s3.path_style",
                        "true");
        byte[] state;
        try (Sink sink =
                new FilesystemConnectorFactory()
                        .createSink(TestTables.sinkContext(TestTables.WIDE, options, allocator))) {
            try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, 0, 300, 1)) {
                sink.write(batch);
            }
            assertThat(sink.checkpoint(1, Instant.now()).allDurable()).isTrue();
            sink.commit(1);
            assertThat(list("data/")).isEmpty();
            state = sink.checkpoint(2, Instant.now().plus(Duration.ofHours(1))).state();
            // uploaded as incomplete multipart uploads: nothing visible before the commit
            assertThat(list("data/")).isEmpty();
            sink.commit(2);
            assertThat(list("data/")).hasSize(2);
        }
        // a restart after a crash in the commit completes it again: accepted, nothing doubled
        try (Sink sink =
                new FilesystemConnectorFactory()
                        .createSink(
                                TestTables.sinkContext(
                                        TestTables.WIDE,
                                        options,
                                        allocator,
                                        java.util.Optional.of(state)))) {
            sink.commit(2);
        } finally {
            System.clearProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY);
        }
        // Rows with a null event time fall back to processing time, hence a second directory.
        List<S3Object> objects = list("data/account_created/");
        assertThat(objects).hasSize(2);
        assertThat(objects)
                .extracting(S3Object::key)
                .anySatisfy(
                        key ->
                                assertThat(key)
                                        .matches(
                                                "data/account_created/2025/01/15/17/[0-9a-f-]{36}\\.parquet"));
        try (var files = Files.walk(staging)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }

        Path local = Files.createDirectories(download.resolve("t"));
        for (S3Object object : objects) {
            ResponseBytes<GetObjectResponse> bytes =
                    client.getObjectAsBytes(request -> request.bucket("lake").key(object.key()));
            Files.write(
                    local.resolve(Path.of(object.key()).getFileName().toString()),
                    bytes.asByteArray());
        }
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(download));
                LakeResult result =
                        engine.query(
                                "SELECT count(*), count(\"timestamp\") FROM t",
                                Map.of("t", new LakeTable("t", TestTables.WIDE, local)))) {
            assertThat(result.next()).containsExactly(300L, 270L);
        }
    }

    @Test
    void largeFilesGoUpInParts() throws Exception {
        byte[] content = new byte[12 << 20];
        new Random(7).nextBytes(content);
        Path file = Files.write(staging.resolve("big.bin"), content);
        new S3Uploader(client, 5L << 20, 5 << 20).upload(file, "lake", "big/object.bin");
        byte[] stored =
                client.getObjectAsBytes(request -> request.bucket("lake").key("big/object.bin"))
                        .asByteArray();
        assertThat(stored).isEqualTo(content);
        assertThat(
                        client.headObject(request -> request.bucket("lake").key("big/object.bin"))
                                .eTag())
                .endsWith("-3\"");
    }

    @Test
    void aFileNeverNeedsMoreThanMaxParts() throws Exception {
        byte[] content = new byte[12 << 20];
        new Random(8).nextBytes(content);
        Path file = Files.write(staging.resolve("big.bin"), content);
        // 5 MiB parts would take three; at most two are allowed, so each holds 6 MiB
        new S3Uploader(client, 5L << 20, 5 << 20, 2).upload(file, "lake", "big/two.bin");
        assertThat(client.getObjectAsBytes(request -> request.bucket("lake").key("big/two.bin")))
                .satisfies(bytes -> assertThat(bytes.asByteArray()).isEqualTo(content));
        assertThat(client.headObject(request -> request.bucket("lake").key("big/two.bin")).eTag())
                .endsWith("-2\"");
    }

    private List<S3Object> list(String prefix) {
        return new ArrayList<>(
                client.listObjectsV2(request -> request.bucket("lake").prefix(prefix)).contents());
    }
}
