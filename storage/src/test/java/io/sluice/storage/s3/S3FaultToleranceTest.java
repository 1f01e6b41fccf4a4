package io.sluice.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.spi.Sink;
import io.sluice.storage.TestTables;
import io.sluice.storage.duckdb.LakeQueryEngine;
import io.sluice.storage.duckdb.LakeResult;
import io.sluice.storage.duckdb.LakeTable;
import io.sluice.storage.filesystem.FilesystemConnectorFactory;
import io.sluice.storage.filesystem.FilesystemSink;
import io.sluice.storage.s3.S3FaultInjector.Fault;
import io.sluice.testing.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 sink under a flaky store: a fifth of all request attempts refused, stalled past the
 * request timeout or applied but answered 503, across checkpoints, restarts from a checkpoint and
 * replays of the rows after it. Every row must land exactly once in readable files.
 */
class S3FaultToleranceTest {
    private static final int ROWS_PER_EPOCH = 300;
    private static final int EPOCHS = 8;

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
        client =
                S3Clients.create(
                        new S3Settings(
                                Optional.of(s3.endpoint()),
                                s3.region(),
                                Optional.of(s3.accessKey()),
                                Optional.of(s3.secretKey()),
                                true));
        System.setProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY, staging.toString());
    }

    @AfterEach
    void tearDown() {
        S3FaultInjector.disable();
        System.clearProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY);
        client.close();
        allocator.close();
        s3.close();
    }

    @Test
    void everyRowLandsExactlyOnceThroughFaultsAndRestarts() throws Exception {
        Map<String, String> options =
                Map.of(
                        "path", "s3://lake/events",
                        "partitioning.fields", "flag",
                        "rolling_policy.interval", "1s",
                        "multipart.target_part_size", "5MB",
                        "s3.endpoint", s3.endpoint().toString(),
                        "s3.access_key_id", s3.accessKey(),
                        "s3.secret_access_key", s3.secretKey(),
                        "s3.path_style", "true",
                        "s3.request_timeout", "1s",
                        "s3.max_attempts", "12");
        S3FaultInjector.enable(0.2, 42, Duration.ofMillis(1500));

        Optional<byte[]> state = Optional.empty();
        Instant clock = Instant.now();
        long nextRow = 0;
        int epoch = 0;
        Sink sink = open(options, state);
        try {
            while (epoch < EPOCHS) {
                write(sink, nextRow, ROWS_PER_EPOCH);
                nextRow += ROWS_PER_EPOCH;
                epoch++;
                clock = clock.plusSeconds(5);
                byte[] checkpoint = sink.checkpoint(epoch, clock).state();
                if (epoch % 4 == 1) {
                    // crash between the checkpoint and its commit: the restart commits again
                    sink.close();
                    sink = open(options, Optional.of(checkpoint));
                } else if (epoch % 4 == 3) {
                    // crash after rows past the checkpoint were written and even flushed: the
                    // restart drops them and the source replays them
                    sink.commit(epoch);
                    write(sink, nextRow, ROWS_PER_EPOCH / 2);
                    sink.checkpoint(epoch + 1, clock.plusSeconds(5));
                    sink.close();
                    sink = open(options, Optional.of(checkpoint));
                }
                sink.commit(epoch);
                state = Optional.of(checkpoint);
            }
            clock = clock.plusSeconds(5);
            epoch++;
            sink.checkpoint(epoch, clock);
            sink.commit(epoch);
        } finally {
            sink.close();
        }
        S3FaultInjector.disable();

        for (Fault fault : Fault.values()) {
            assertThat(S3FaultInjector.injected(fault))
                    .as(
                            fault.name()
                                    + " "
                                    + S3FaultInjector.injected(Fault.LOST_RESPONSE)
                                    + " "
                                    + S3FaultInjector.injected(Fault.STALLED))
                    .isPositive();
        }
        List<S3Object> objects = list("events/");
        assertThat(objects).isNotEmpty();
        assertThat(objects).allSatisfy(object -> assertThat(object.key()).endsWith(".parquet"));
        Path local = Files.createDirectories(download.resolve("events"));
        int index = 0;
        for (S3Object object : objects) {
            byte[] bytes =
                    client.getObjectAsBytes(request -> request.bucket("lake").key(object.key()))
                            .asByteArray();
            Files.write(local.resolve(index++ + ".parquet"), bytes);
        }
        long expected = (long) EPOCHS * ROWS_PER_EPOCH;
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(download));
                LakeResult result =
                        engine.query(
                                "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM t",
                                Map.of("t", new LakeTable("t", TestTables.WIDE, local)))) {
            assertThat(result.next()).containsExactly(expected, expected, 0L, expected - 1);
        }
    }

    private Sink open(Map<String, String> options, Optional<byte[]> state) {
        return new FilesystemConnectorFactory()
                .createSink(TestTables.sinkContext(TestTables.WIDE, options, allocator, state));
    }

    private void write(Sink sink, long first, int count) {
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1)) {
            sink.write(batch);
        }
    }

    private List<S3Object> list(String prefix) {
        return new ArrayList<>(
                client.listObjectsV2(request -> request.bucket("lake").prefix(prefix)).contents());
    }
}
